/* SPDX-License-Identifier: BSD-3-Clause */
/* The comparison's verdicts as one JSON document (parsuite-report --format json), for a CI job
 * or a dashboard: every point in both sets with its medians, ratio, interval, p and verdict, and
 * the points of one set only. Numbers are numbers; what was not computed is null. */
#include "ps_compare.h"

#include <jansson.h>
#include <math.h>

static json_t *number_or_null(bool has, double v)
{
    return has && isfinite(v) ? json_real(v) : json_null();
}

static json_t *point_names(const ps_row *r)
{
    return json_pack("{s:s, s:s, s:s, s:I, s:I, s:I}", "model", r->model, "workload", r->workload,
                     "variant", r->variant, "size", (json_int_t)r->size, "ranks",
                     (json_int_t)r->ranks, "threads", (json_int_t)r->threads);
}

static const char *verdict_name(ps_verdict v)
{
    static const char *const name[] = {
        [PS_SAME] = "same",       [PS_FASTER] = "faster",         [PS_SLOWER] = "slower",
        [PS_TOO_FEW] = "too-few", [PS_NO_SAMPLES] = "no-samples", [PS_UNVERIFIED] = "unverified",
    };
    return name[v];
}

static json_t *pair_json(const ps_pair *p)
{
    json_t *o = point_names(p->base.row);
    json_object_set_new(o, "baseline_median_s", json_real(p->base.median));
    json_object_set_new(o, "candidate_median_s", json_real(p->cand.median));
    json_object_set_new(o, "ratio", number_or_null(true, p->ratio));
    json_object_set_new(o, "ratio_lo", number_or_null(p->has_interval, p->lo));
    json_object_set_new(o, "ratio_hi", number_or_null(p->has_interval, p->hi));
    json_object_set_new(o, "p", number_or_null(p->verdict <= PS_TOO_FEW, p->test.p));
    json_object_set_new(o, "unit", json_string(p->by_runs ? "runs" : "repetitions"));
    json_object_set_new(o, "verdict", json_string(verdict_name(p->verdict)));
    json_object_set_new(o, "settings_differ", json_string(p->differs));
    return o;
}

static json_t *only_json(const ps_point *points, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, point_names(points[i].row));
    return a;
}

ps_status ps_comparison_json(FILE *out, const ps_comparison *c, ps_msg *msg)
{
    json_t *points = json_array();
    for (size_t i = 0; i < c->npairs; i++)
        json_array_append_new(points, pair_json(&c->pair[i]));
    json_t *doc =
        json_pack("{s:i, s:f, s:f, s:I, s:o, s:o, s:o}", "format", 1, "alpha", c->opt.alpha,
                  "threshold", c->opt.threshold, "failing", (json_int_t)ps_comparison_failing(c),
                  "points", points, "only_baseline", only_json(c->only_base, c->nonly_base),
                  "only_candidate", only_json(c->only_cand, c->nonly_cand));
    int bad = !doc || json_dumpf(doc, out, JSON_INDENT(2) | JSON_REAL_PRECISION(6)) != 0 ||
              fputc('\n', out) == EOF;
    json_decref(doc);
    return bad ? ps_fail(msg, PS_ENV, "cannot write the comparison's JSON") : PS_OK;
}
