# SPDX-License-Identifier: BSD-3-Clause
# docs/records.md from the one list of columns, common/ps_columns.def:
#   cmake -DOUTPUT=docs/records.md -P docs/records.cmake     writes it (target records-doc)
#   cmake -DCHECK=docs/records.md -P docs/records.cmake      fails if it differs (test docs.records)
get_filename_component(top ${CMAKE_CURRENT_LIST_DIR} DIRECTORY)
file(STRINGS ${top}/common/ps_columns.def lines REGEX "^PS_COLUMN\\(")
file(STRINGS ${top}/common/ps_columns.def format REGEX "^#define PS_RECORD_FORMAT ")
string(REGEX REPLACE ".* " "" format "${format}")
set(kinds_TEXT "text")
set(kinds_NUMBER "number")
set(kinds_BOOL "boolean: `true`/`false` in JSON, `yes`/`no` in CSV")
set(kinds_SAMPLES "numbers: a JSON array, in CSV separated by spaces")
set(kinds_METRIC "number, or `null` in JSON and empty in CSV where not measured")
set(doc "<!-- SPDX-License-Identifier: BSD-3-Clause -->
<!-- Made from common/ps_columns.def by docs/records.cmake: edit that list, then
     cmake --build BUILD --target records-doc. -->
# Records

Every program writes one record per point (workload, variant, size, worker count): a CSV row
under one header line, or a JSON Lines object, with the same columns in the same order. This is
record format ${format} (the `format` column). Readers should find columns by name: new ones are
added, none is renamed.

In CSV, booleans are `yes` and `no` (pandas: `true_values=[\"yes\"], false_values=[\"no\"]`), a
metric not measured is an empty field (read as NaN), and text is quoted where it holds a comma.
The metric columns hold the headline figures of the detail text as numbers, their unit in their
name:

```sh
jq -c 'select(.workload == \"share\" and .variant == \"pipe\" and .message_bytes == null) | {ranks, latency_us, bandwidth_gbs}' results.jsonl
```

Where a point measures a series (share pipe's latency and bandwidth at every message size, 0 B to
4 MiB), its record is followed by one record per size: the same point and times, with
`message_bytes` set and that size's figures. A point's own record leaves `message_bytes` null, so
`select(.message_bytes == null)` (pandas: `df[df.message_bytes.isna()]`) keeps one record per
point, and this gives the table:

```sh
jq -r 'select(.message_bytes != null) | [.ranks, .message_bytes, .latency_us, .bandwidth_gbs] | @tsv' results.jsonl
```

| column | kind | unit | what it holds |
|---|---|---|---|
")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^PS_COLUMN\\(([a-z0-9_]+), ([A-Z]+), \"([^\"]*)\", \"(.*)\"\\)$")
    message(FATAL_ERROR "common/ps_columns.def: not a column: ${line}")
  endif()
  string(APPEND doc "| `${CMAKE_MATCH_1}` | ${kinds_${CMAKE_MATCH_2}} | ${CMAKE_MATCH_3} | ${CMAKE_MATCH_4} |\n")
endforeach()
if(DEFINED OUTPUT)
  file(WRITE ${OUTPUT} "${doc}")
elseif(DEFINED CHECK)
  file(READ ${CHECK} have)
  if(NOT have STREQUAL doc)
    message(FATAL_ERROR "${CHECK} is not what common/ps_columns.def makes: "
                        "cmake --build BUILD --target records-doc, and commit it")
  endif()
else()
  message(FATAL_ERROR "usage: cmake -DOUTPUT=FILE|-DCHECK=FILE -P docs/records.cmake")
endif()
