# SPDX-License-Identifier: BSD-3-Clause
"""One result record, with the same fields in the same order as the C programs' (common/core/ps_record.c),
written as JSON Lines and CSV, and the machine it ran on, read as the C programs read it."""

import csv
import datetime
import fcntl
import io
import json
import os
import platform
import re
import socket
import stat
import statistics
import subprocess
import sys
import time

VERSION = "0.1.0"


def _definitions(name):
    """The text of one of the C programs' lists, common/NAME (installed beside this file)."""
    here = os.path.dirname(os.path.abspath(__file__))
    for path in (os.path.join(here, name), os.path.join(here, "..", "common", name)):
        try:
            with open(path, encoding="utf-8") as f:
                return f.read()
        except OSError:
            continue
    print(f"parsuite-python: cannot read {name} beside {here} or in ../common", file=sys.stderr)
    sys.exit(3)


def _columns():
    """The record format's version and the columns, (name, kind) in order, from the C programs'
    one list, common/ps_columns.def."""
    text = _definitions("ps_columns.def")
    version = re.search(r"^#define PS_RECORD_FORMAT (\d+)", text, re.M)
    if not version:
        print("parsuite-python: ps_columns.def names no PS_RECORD_FORMAT", file=sys.stderr)
        sys.exit(3)
    return int(version.group(1)), re.findall(r"^PS_COLUMN\((\w+), (\w+),", text, re.M)


FORMAT, COLUMNS = _columns()
# The columns of --list, as the C programs write them (common/ps_list_columns.def).
LIST_COLUMNS = re.findall(r"^PS_LIST_COLUMN\((\w+), \w+\)", _definitions("ps_list_columns.def"), re.M)
FIELDS = [name for name, _ in COLUMNS]
METRICS = [name for name, kind in COLUMNS if kind == "METRIC"]

# The longest text of a field, as the C programs' (and the report's) fields hold it.
LONGEST = {"result": 127, "detail": 159, "host": 63, "cpu": 63, "compiler": 63, "job": 63,
           "commit": 23, "governor": 23}


def _first_line(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.readline().strip()
    except OSError:
        return ""


def _cpu_model():
    """The package's CPU model as hwloc names it (what the C programs record), else the kernel's."""
    try:
        out = subprocess.run(["hwloc-info", "package:0"], capture_output=True, text=True,
                             timeout=10, check=True).stdout
        for line in out.splitlines():
            name, _, value = line.strip().partition(" = ")
            if name == "info CPUModel" and value.strip():
                return value.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def physical_cores():
    """Distinct cores among the CPUs this process may use (each core's sibling list once)."""
    allowed = os.sched_getaffinity(0)
    cores = set()
    for cpu in allowed:
        siblings = _first_line(f"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list")
        cores.add(siblings or str(cpu))
    return len(cores) or len(allowed)


def timer_tick():
    """The smallest step between 20 distinct successive readings of the clock the timings use."""
    tick, last = 1.0, time.perf_counter()
    for _ in range(20):
        t = time.perf_counter()
        while t <= last:
            t = time.perf_counter()
        tick, last = min(tick, t - last), t
    return tick


def _commit():
    here = os.path.dirname(os.path.realpath(__file__))
    try:
        out = subprocess.run(
            ["git", "-C", here, "rev-parse", "--short=12", "HEAD"],
            capture_output=True, text=True, timeout=10, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine():
    """The fields that name the machine and the run, the same for every record of a run."""
    pages, page = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    return {
        "version": VERSION,
        "host": socket.gethostname(),
        "nodes": 1,
        "cores": physical_cores(),
        "cpu": _cpu_model(),
        "memory_gb": round(pages * page / 1e9, 1),
        "compiler": "python " + platform.python_version(),
        "flags": "",
        "openmp": "",
        "mpi": "",
        "job": os.environ.get("SLURM_JOB_ID", os.environ.get("PBS_JOBID", "")),
        "timer_tick": float(f"{timer_tick():.3g}"),
        "binding": "unbound",
        "omp_proc_bind": "",
        "omp_places": "",
        "omp_wait_policy": "",
        "omp_dynamic": "",
        "openmp_runtime": "",
        "mpi_settings": "",
        "commit": _commit(),
        "build_type": "",
        "governor": _first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"),
    }


def _g9(x):
    return float(f"{x:.9g}")


def record(env, model, workload, variant, workers, size, warmup, samples, verified, result,
           detail, steps=0, work_options="", metrics=None):
    """A record from the timed repetitions' seconds, in the order they ran."""
    samples = [_g9(s) for s in samples]
    median = _g9(statistics.median(samples))
    rec = dict(env)
    rec.update({
        "utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "model": model,
        "workload": workload,
        "variant": variant,
        "workers": workers,
        "ranks": workers if model == "python-processes" else 1,
        "threads": 1 if model == "python-processes" else workers,
        "size": size,
        "repetitions": len(samples),
        "warmup": warmup,
        "seconds_min": min(samples),
        "seconds_median": median,
        "seconds_mean": _g9(statistics.fmean(samples)),
        "seconds_max": max(samples),
        "seconds_stddev": _g9(statistics.stdev(samples)) if len(samples) > 1 else 0.0,
        "items_per_second": float(f"{size / median:.6g}") if median > 0 else 0.0,
        "verified": verified,
        "result": result,
        "detail": detail,
        "oversubscribed": workers > env["cores"],
        "samples": samples,
        "bound_cores": env["cores"],
        "steps": steps,
        "work_options": work_options,
        "format": FORMAT,
    })
    rec.update({m: None for m in METRICS})  # what a workload does not measure
    rec.update({m: float(f"{v:.6g}") for m, v in (metrics or {}).items() if m in METRICS})
    for k, most in LONGEST.items():  # as the C programs' fields hold them
        rec[k] = rec[k][:most]
    return {k: rec[k] for k in FIELDS}


def json_line(rec):
    return json.dumps(rec, separators=(",", ":"), ensure_ascii=False)


def _csv_value(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:.9g}"
    if isinstance(v, list):
        return " ".join(f"{s:.9g}" for s in v)
    return str(v)


def csv_lines(records, header):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    if header:
        w.writerow(FIELDS)
    for rec in records:
        w.writerow([_csv_value(rec[k]) for k in FIELDS])
    return out.getvalue()



class Sink:
    """--output FILE as the C programs keep it: records appended under a lock, JSON Lines when
    the name ends in .jsonl, .json or .ndjson, else CSV with its header first; a file that ends
    in a cut-short record, or a CSV of other columns, is refused (ValueError: exit 2); one that
    cannot be opened is an OSError (exit 3)."""

    def __init__(self, path):
        self.path = path
        self.json = path.lower().endswith((".jsonl", ".json", ".ndjson"))
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC | os.O_NONBLOCK
        self.fd = os.open(path, flags, 0o644)
        os.set_blocking(self.fd, True)
        self.stream = not stat.S_ISREG(os.fstat(self.fd).st_mode)
        self.written = False  # a stream (a pipe, a FIFO) gets the CSV header before its first record
        if self.stream or os.fstat(self.fd).st_size == 0:
            return
        with open(path, "rb") as f:
            head = f.read(len(csv_lines([], header=True)))
            f.seek(-1, os.SEEK_END)
            if f.read(1) != b"\n":
                os.close(self.fd)
                raise ValueError(f"--output: '{path}' ends in a cut-short record (no line "
                                 "break at its end); repair it to its last whole line or "
                                 "choose a new file")
        if not self.json and head != csv_lines([], header=True).encode():
            os.close(self.fd)
            raise ValueError(f"--output: '{path}' is not a parsuite CSV of this version "
                             "(other columns); choose a new file")

    def append(self, rec):
        if not self.stream:
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        try:
            empty = not self.written if self.stream else os.fstat(self.fd).st_size == 0
            text = json_line(rec) + "\n" if self.json else csv_lines([rec], header=empty)
            os.write(self.fd, text.encode())
            self.written = True
        finally:
            if not self.stream:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
