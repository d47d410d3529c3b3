/*
 * html.c - one self-contained HTML page (docs/html.md): no network access,
 * no external files. The findings travel as a JSON block
 * (<script type="application/json" id="racecheck-data">) that the page's own
 * script renders: a table of findings with filters by rule, file and triage
 * status, and for each finding its accesses side by side, each with the
 * thread, the locks held and the source lines around it (read from disk
 * when the page is written). A filter can be preselected by the URL
 * fragment: report.html#rule=data-race&file=src/pool.c&status=all. The body
 * carries data-visible="N" (findings shown), which tests read.
 */
#include "report.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

enum { HTML_CONTEXT = 2 }; /* source lines shown above and below an access */

static const char *const html_head =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
    "script-src 'unsafe-inline'; img-src data:\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>racecheck report</title>\n<style>\n"
    "body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f8fa}\n"
    "header{background:#24292f;color:#fff;padding:12px 20px}header h1{font-size:20px;margin:0}\n"
    "header p{margin:4px 0 0;color:#c9d1d9}\n"
    "#filters{padding:10px 20px;background:#fff;border-bottom:1px solid #d0d7de;display:flex;gap:16px;"
    "flex-wrap:wrap;align-items:center}\n"
    "#filters label{font-weight:600}#filters select{margin-left:6px;max-width:320px}\n"
    "main{padding:10px 20px}table{border-collapse:collapse;width:100%;background:#fff}\n"
    "th,td{border:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}\n"
    "th{background:#eaeef2}tr.summary{cursor:pointer}tr.summary:hover{background:#f3f4f6}\n"
    ".sev-error{color:#cf222e;font-weight:600}.sev-warning{color:#9a6700;font-weight:600}"
    ".sev-note{color:#0969da;font-weight:600}\n"
    ".fp{font-family:ui-monospace,monospace;font-size:12px;color:#57606a}\n"
    ".accesses{display:flex;gap:12px;overflow-x:auto;padding:4px 0}\n"
    ".access{flex:1 1 0;min-width:320px;border:1px solid #d0d7de;border-radius:6px;background:#fff}\n"
    ".access h3{font-size:13px;margin:0;padding:6px 8px;background:#eaeef2;border-bottom:1px solid #d0d7de}\n"
    ".access .meta{padding:4px 8px;font-size:12px;color:#57606a}\n"
    "pre{margin:0;padding:4px 0;font:12px/1.45 ui-monospace,monospace;overflow-x:auto}\n"
    "pre span{display:block;padding:0 8px;white-space:pre}pre span.hit{background:#fff8c5}\n"
    "pre span i{display:inline-block;width:4em;color:#8c959f;font-style:normal;user-select:none}\n"
    ".explain{margin:6px 0;color:#57606a}.help{margin:6px 0;color:#1a7f37}\n"
    "#diagnostics{margin-top:16px}#diagnostics li{font-family:ui-monospace,monospace;font-size:12px}\n"
    ".empty{padding:16px;color:#57606a}\n"
    "</style>\n</head>\n<body>\n"
    "<header><h1>racecheck report</h1><p id=\"summary\"></p></header>\n"
    "<div id=\"filters\">\n"
    "<label>Rule<select id=\"f-rule\"></select></label>\n"
    "<label>File<select id=\"f-file\"></select></label>\n"
    "<label>Triage status<select id=\"f-status\"></select></label>\n"
    "<span id=\"count\"></span>\n</div>\n<main>\n"
    "<table id=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th>"
    "<th>Status</th><th>Fingerprint</th></tr></thead></table>\n"
    "<p class=\"empty\" id=\"none\" hidden>No findings match the filters.</p>\n"
    "<section id=\"diagnostics\" hidden><h2>Diagnostics</h2><ul></ul></section>\n"
    "</main>\n";

static const char *const html_script =
    "<script>\n"
    "(function () {\n"
    "  'use strict';\n"
    "  var data = JSON.parse(document.getElementById('racecheck-data').textContent);\n"
    "  var SUPPRESSED = {'false-positive': true, 'intentional': true};\n"
    "  var STATUSES = ['open', 'confirmed', 'false-positive', 'intentional', 'wont-fix'];\n"
    "  function el(tag, cls, text) {\n"
    "    var e = document.createElement(tag);\n"
    "    if (cls) e.className = cls;\n"
    "    if (text !== undefined && text !== null) e.textContent = String(text);\n"
    "    return e;\n"
    "  }\n"
    "  function status(f) { return f.triage || 'open'; }\n"
    "  function uniq(list) {\n"
    "    var seen = {}, out = [];\n"
    "    list.forEach(function (x) { if (!seen[x]) { seen[x] = true; out.push(x); } });\n"
    "    return out.sort();\n"
    "  }\n"
    "  function fill(sel, opts) {\n"
    "    opts.forEach(function (o) { var op = el('option', null, o[1]); op.value = o[0]; sel.appendChild(op); });\n"
    "  }\n"
    "  function pairs(list) { return list.map(function (x) { return [x, x]; }); }\n"
    "  var fRule = document.getElementById('f-rule');\n"
    "  var fFile = document.getElementById('f-file');\n"
    "  var fStatus = document.getElementById('f-status');\n"
    "  fill(fRule, [['', 'all rules']].concat(pairs(uniq(data.findings.map(function (f) { return f.rule; })))));\n"
    "  fill(fFile, [['', 'all files']].concat(pairs(uniq(data.findings.map(function (f) { return f.location.file; })))));\n"
    "  fill(fStatus, [['reported', 'reported (not false-positive or intentional)'], ['all', 'all']].concat(pairs(STATUSES)));\n"
    "  var table = document.getElementById('findings');\n"
    "  function accessBox(a) {\n"
    "    var box = el('div', 'access');\n"
    "    box.appendChild(el('h3', null, a.kind + ' in ' + a['function'] + '() \\u2014 ' + a.file + ':' + a.line + ':' + a.column));\n"
    "    box.appendChild(el('div', 'meta', 'thread ' + a.thread));\n"
    "    box.appendChild(el('div', 'meta', a.locks.length ? 'holding ' + a.locks.join(', ') : 'no lock held'));\n"
    "    if (a.more) box.appendChild(el('div', 'meta', 'and ' + a.more + ' more access' + (a.more === 1 ? '' : 'es') + ' like this'));\n"
    "    var pre = el('pre');\n"
    "    (a.source || []).forEach(function (s) {\n"
    "      var sp = el('span', s.line === a.line ? 'hit' : null);\n"
    "      sp.appendChild(el('i', null, s.line));\n"
    "      sp.appendChild(document.createTextNode(s.text));\n"
    "      pre.appendChild(sp);\n"
    "    });\n"
    "    if (!a.source || !a.source.length) pre.appendChild(el('span', null, '(source not available)'));\n"
    "    box.appendChild(pre);\n"
    "    return box;\n"
    "  }\n"
    "  var groups = data.findings.map(function (f) {\n"
    "    var tb = el('tbody', 'finding');\n"
    "    var tr = el('tr', 'summary');\n"
    "    tr.appendChild(el('td', 'sev-' + f.severity, f.severity));\n"
    "    tr.appendChild(el('td', null, f.rule));\n"
    "    tr.appendChild(el('td', null, f.location.file + ':' + f.location.line + ':' + f.location.column));\n"
    "    tr.appendChild(el('td', null, f.message));\n"
    "    tr.appendChild(el('td', null, status(f)));\n"
    "    tr.appendChild(el('td', 'fp', f.fingerprint));\n"
    "    var dr = el('tr', 'details');\n"
    "    var td = el('td');\n"
    "    td.colSpan = 6;\n"
    "    dr.appendChild(td);\n"
    "    var acc = el('div', 'accesses');\n"
    "    f.accesses.forEach(function (a) { acc.appendChild(accessBox(a)); });\n"
    "    td.appendChild(acc);\n"
    "    if (f.explanation) td.appendChild(el('p', 'explain', f.explanation));\n"
    "    if (f.help) td.appendChild(el('p', 'help', 'help: ' + f.help));\n"
    "    tr.addEventListener('click', function () { dr.hidden = !dr.hidden; });\n"
    "    tb.appendChild(tr);\n"
    "    tb.appendChild(dr);\n"
    "    table.appendChild(tb);\n"
    "    return {f: f, tb: tb};\n"
    "  });\n"
    "  function decode(s) {\n"
    "    /* a malformed escape (#file=%) is taken as written, never thrown */\n"
    "    try { return decodeURIComponent(s); } catch (e) { return s; }\n"
    "  }\n"
    "  function parseHash() {\n"
    "    var out = {};\n"
    "    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {\n"
    "      if (!kv) return;\n"
    "      var i = kv.indexOf('=');\n"
    "      out[decode(i < 0 ? kv : kv.slice(0, i))] = i < 0 ? '' : decode(kv.slice(i + 1));\n"
    "    });\n"
    "    return out;\n"
    "  }\n"
    "  function setSel(sel, v) {\n"
    "    if (v === undefined) return;\n"
    "    for (var i = 0; i < sel.options.length; i++)\n"
    "      if (sel.options[i].value === v) { sel.selectedIndex = i; return; }\n"
    "  }\n"
    "  function apply() {\n"
    "    var r = fRule.value, fl = fFile.value, st = fStatus.value, n = 0;\n"
    "    groups.forEach(function (g) {\n"
    "      var s = status(g.f);\n"
    "      var ok = (!r || g.f.rule === r) && (!fl || g.f.location.file === fl) &&\n"
    "               (st === 'all' || (st === 'reported' ? !SUPPRESSED[s] : s === st));\n"
    "      g.tb.hidden = !ok;\n"
    "      if (ok) n++;\n"
    "    });\n"
    "    document.body.setAttribute('data-visible', String(n));\n"
    "    document.getElementById('count').textContent = n + ' of ' + groups.length + ' findings shown';\n"
    "    document.getElementById('none').hidden = n !== 0;\n"
    "  }\n"
    "  function fromHash() {\n"
    "    var h = parseHash();\n"
    "    setSel(fRule, h.rule);\n"
    "    setSel(fFile, h.file);\n"
    "    setSel(fStatus, h.status);\n"
    "    apply();\n"
    "  }\n"
    "  function toHash() {\n"
    "    var parts = [];\n"
    "    if (fRule.value) parts.push('rule=' + encodeURIComponent(fRule.value));\n"
    "    if (fFile.value) parts.push('file=' + encodeURIComponent(fFile.value));\n"
    "    if (fStatus.value !== 'reported') parts.push('status=' + encodeURIComponent(fStatus.value));\n"
    "    try { history.replaceState(null, '', '#' + parts.join('&')); } catch (e) { /* some file: URLs */ }\n"
    "    apply();\n"
    "  }\n"
    "  [fRule, fFile, fStatus].forEach(function (s) { s.addEventListener('change', toHash); });\n"
    "  window.addEventListener('hashchange', fromHash);\n"
    "  var s = data.summary;\n"
    "  document.getElementById('summary').textContent = 'racecheck ' + data.version + ': ' + s.findings +\n"
    "    ' finding' + (s.findings === 1 ? '' : 's') + ' in ' + s.units + ' translation unit' + (s.units === 1 ? '' : 's') +\n"
    "    (s.units_failed ? ' (' + s.units_failed + ' with parse errors)' : '') +\n"
    "    (data.run ? ', run ' + data.run : '');\n"
    "  if (data.diagnostics.length) {\n"
    "    var sec = document.getElementById('diagnostics');\n"
    "    sec.hidden = false;\n"
    "    data.diagnostics.forEach(function (d) {\n"
    "      sec.querySelector('ul').appendChild(el('li', null, (d.file ? d.file + ':' + d.line + ':' + d.column + ': ' : '') +\n"
    "        d.level + ': ' + d.message));\n"
    "    });\n"
    "  }\n"
    "  fromHash();\n"
    "})();\n"
    "</script>\n</body>\n</html>\n";

/* The source lines around line `line` of file, as [{"line","text"}]. */
static cJSON *source_context(SrcCache *src, const char *file, unsigned line) {
    cJSON *arr = cJSON_CreateArray();
    unsigned first = line > HTML_CONTEXT ? line - HTML_CONTEXT : 1;
    for (unsigned l = first; l <= line + HTML_CONTEXT; l++) {
        size_t len;
        const char *s = report_source_line(src, file, l, &len);
        if (!s) break;
        char *t = xmalloc(len + 1);
        memcpy(t, s, len);
        t[len] = 0;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "line", l);
        cJSON_AddStringToObject(o, "text", t);
        cJSON_AddItemToArray(arr, o);
        free(t);
    }
    return arr;
}

int report_html(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt) {
    SrcCache src = {0};
    cJSON *data = cJSON_CreateObject();
    cJSON_AddStringToObject(data, "version", opt->version ? opt->version : "");
    cJSON *arr = cJSON_AddArrayToObject(data, "findings");
    for (size_t i = 0; i < fl->items.len; i++) {
        ReportView view; /* the accesses report_json_finding lists, in its order */
        report_view(&view, &fl->items.data[i], opt->evidence_all);
        const Finding *f = &view.f;
        cJSON *o = report_json_finding(&fl->items.data[i], opt->root, opt->evidence_all);
        cJSON *a = cJSON_GetObjectItem(o, "accesses")->child;
        for (size_t k = 0; k < f->nevidence && a; k++, a = a->next)
            cJSON_AddItemToObject(a, "source", source_context(&src, f->evidence[k].loc.file, f->evidence[k].loc.line));
        cJSON_AddItemToArray(arr, o);
        report_view_free(&view);
    }
    cJSON *darr = cJSON_AddArrayToObject(data, "diagnostics");
    if (diags)
        for (size_t i = 0; i < diags->len; i++) cJSON_AddItemToArray(darr, report_json_diag(&diags->items[i], opt->root));
    cJSON *sum = report_json_summary(fl, opt);
    cJSON_AddItemToObject(data, "summary", sum);
    cJSON_AddNumberToObject(sum, "suppressed", (double)opt->suppressed);
    cJSON_AddNumberToObject(sum, "baselined", (double)opt->baselined);
    char *json = cJSON_PrintUnformatted(data);
    cJSON_Delete(data);
    report_source_free(&src);
    if (!json) return -1;
    fputs(html_head, out);
    fputs("<script type=\"application/json\" id=\"racecheck-data\">", out);
    /* '<' only occurs inside JSON strings, where \u003c means the same and
     * cannot close the script element */
    for (const char *p = json; *p; p++) {
        if (*p == '<') fputs("\\u003c", out);
        else fputc(*p, out);
    }
    fputs("</script>\n", out);
    fputs(html_script, out);
    free(json);
    return ferror(out) ? -1 : 0;
}
