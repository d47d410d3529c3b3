#!/usr/bin/env python3
"""validate_sarif.py SCHEMA FILE... - validate SARIF logs against the SARIF
2.1.0 JSON schema (draft-04; tools/sarif/, a copy of ../shared/sarif/) with python3-jsonschema, and
check what racecheck promises beyond the schema (docs/sarif.md): rule
metadata, a primary location per result, relatedLocations referenced from
the message, one threadFlow per thread, both partial fingerprints, an
invocation with an exit code. Exits 0 when every file passes, 1 otherwise
(listing every problem), 2 on bad usage."""
import json
import re
import sys

try:
    import jsonschema
except ImportError:
    print("validate_sarif: python3-jsonschema is missing (tools/setup.sh installs it)", file=sys.stderr)
    sys.exit(2)


def racecheck_checks(log):
    problems = []
    if log.get("version") != "2.1.0":
        problems.append("version is not 2.1.0")
    for run in log.get("runs", []):
        driver = run["tool"]["driver"]
        rules = {r["id"]: r for r in driver.get("rules", [])}
        if not rules:
            problems.append("tool.driver.rules is empty")
        for rid, r in rules.items():
            for key in ("name", "shortDescription", "fullDescription", "help", "defaultConfiguration"):
                if key not in r:
                    problems.append(f"rule {rid}: no {key}")
        invs = run.get("invocations", [])
        if len(invs) != 1 or "exitCode" not in invs[0]:
            problems.append("no invocation with exitCode")
        for i, res in enumerate(run.get("results", [])):
            where = f"result {i} ({res.get('ruleId')})"
            if res.get("ruleId") not in rules:
                problems.append(f"{where}: rule not in tool.driver.rules")
            locs = res.get("locations", [])
            if len(locs) != 1 or "region" not in locs[0]["physicalLocation"]:
                problems.append(f"{where}: no primary location with a region")
            ids = {r["id"] for r in res.get("relatedLocations", [])}
            linked = {int(m) for m in re.findall(r"(?<!\\)\]\((\d+)\)", res["message"]["text"])}
            if not ids or linked != ids:
                problems.append(f"{where}: message links {sorted(linked)} but relatedLocations ids are {sorted(ids)}")
            flows = res.get("codeFlows", [])
            if len(flows) != 1 or not flows[0].get("threadFlows"):
                problems.append(f"{where}: no codeFlow with threadFlows")
            pf = res.get("partialFingerprints", {})
            if not re.fullmatch(r"[0-9a-f]+:\d+", pf.get("primaryLocationLineHash", "")):
                problems.append(f"{where}: primaryLocationLineHash missing or malformed")
            if not re.fullmatch(r"[0-9a-f]{16}", pf.get("racecheck/v1", "")):
                problems.append(f"{where}: racecheck/v1 fingerprint missing")
    return problems


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema)
    failed = False
    for path in argv[2:]:
        with open(path) as f:
            log = json.load(f)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        for e in errors[:20]:
            print(f"{path}: schema: {'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
        problems = racecheck_checks(log)
        for p in problems:
            print(f"{path}: {p}", file=sys.stderr)
        if errors or problems:
            failed = True
        else:
            n = sum(len(r.get("results", [])) for r in log.get("runs", []))
            print(f"{path}: valid SARIF 2.1.0 ({n} results, {cls.__name__})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
