"""Triage on written call-taker narratives it was not tuned to, split by split.

    .venv/bin/python -m benchmarks.triage_narratives [--policy FILE] [--split NAME ...]
        [--show-misses]

Reads ``tests/triage_corpus/split_*.yaml`` (cases written blind from BRIEF.md) and
prints, per split: precision and recall of the behavioral_health and property tags,
safety misses (police, EMS or fire required and not sent), diversion misses (a crisis or
report call sent police anyway, or missing its crisis team / report taker), other wrong
units, and the calibration table (decisions per confidence band, how many were right and
how many were flagged for review). See docs/TRIAGE.md for which split was held back
when. ``--show-misses`` lists every case that went wrong, with its decision.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from services.triage.corpus import Report, grade, read_cases  # noqa: E402
from services.triage.engine import load_policy  # noqa: E402

CORPUS = REPO / "tests" / "triage_corpus"
# The tuning split is the union of the A files. Each fresh split was held back until it
# was measured once (docs/TRIAGE.md keeps that first figure) and then tuned on; the next
# split a writer produces is the next honest figure. The learned reader is trained on
# the splits its file names (services/triage/reader_training.TRAINING_SPLITS); the
# header of each split says whether it was one of them.
SPLITS = {"A": ["split_a1.yaml", "split_a2.yaml"], "fresh1": ["split_fresh.yaml"],
          "fresh2": ["split_fresh2.yaml"], "fresh3": ["split_fresh3.yaml"],
          "fresh4": ["split_fresh4.yaml"], "fresh5": ["split_fresh5.yaml"],
          "fresh6": ["split_fresh6.yaml"], "fresh7": ["split_fresh7.yaml"],
          "fresh8": ["split_fresh8.yaml"], "fresh9": ["split_fresh9.yaml"],
          "fresh10": ["split_fresh10.yaml"], "fresh11": ["split_fresh11.yaml"],
          "fresh12": ["split_fresh12.yaml"], "fresh13": ["split_fresh13.yaml"],
          "fresh14": ["split_fresh14.yaml"], "fresh15": ["split_fresh15.yaml"],
          "fresh16": ["split_fresh16.yaml"], "fresh17": ["split_fresh17.yaml"],
          "fresh18": ["split_fresh18.yaml"], "fresh19": ["split_fresh19.yaml"],
          "fresh20": ["split_fresh20.yaml"], "fresh21": ["split_fresh21.yaml"],
          "fresh22": ["split_fresh22.yaml"], "fresh23": ["split_fresh23.yaml"],
          "fresh24": ["split_fresh24.yaml"], "fresh25": ["split_fresh25.yaml"],
          "fresh26": ["split_fresh26.yaml"], "fresh27": ["split_fresh27.yaml"],
          "fresh28": ["split_fresh28.yaml"], "fresh29": ["split_fresh29.yaml"],
          "fresh30": ["split_fresh30.yaml"],
          "fresh31": ["split_fresh31.yaml"],
          "fresh32": ["split_fresh32.yaml"],
          "fresh33": ["split_fresh33.yaml"],
          "fresh34": ["split_fresh34.yaml"],
          "fresh35": ["split_fresh35.yaml"],
          "fresh36": ["split_fresh36.yaml"],
          "fresh37": ["split_fresh37.yaml"],
          "fresh38": ["split_fresh38.yaml"],
          "fresh39": ["split_fresh39.yaml"],
          "fresh40": ["split_fresh40.yaml"],
          "fresh41": ["split_fresh41.yaml"],
          "fresh42": ["split_fresh42.yaml"],
          "fresh43": ["split_fresh43.yaml"],
          "fresh44": ["split_fresh44.yaml"],
          "fresh45": ["split_fresh45.yaml"],
          "fresh46": ["split_fresh46.yaml"],
          "fresh47": ["split_fresh47.yaml"],
          "fresh48": ["split_fresh48.yaml"],
          "fresh49": ["split_fresh49.yaml"],
          "fresh50": ["split_fresh50.yaml"],
          "fresh51": ["split_fresh51.yaml"],
          "fresh52": ["split_fresh52.yaml"],
          "fresh53": ["split_fresh53.yaml"],
          "fresh54": ["split_fresh54.yaml"],
          "fresh55": ["split_fresh55.yaml"],
          "fresh56": ["split_fresh56.yaml"],
          "fresh57": ["split_fresh57.yaml"],
          "fresh58": ["split_fresh58.yaml"],
          "fresh59": ["split_fresh59.yaml"],
          "fresh60": ["split_fresh60.yaml"],
          "fresh61": ["split_fresh61.yaml"],
          "fresh62": ["split_fresh62.yaml"],
          "fresh63": ["split_fresh63.yaml"],
          "fresh64": ["split_fresh64.yaml"],
          "fresh65": ["split_fresh65.yaml"],
          "fresh66": ["split_fresh66.yaml"],
          "fresh67": ["split_fresh67.yaml"],
          "fresh68": ["split_fresh68.yaml"],
          "fresh69": ["split_fresh69.yaml"],
          "fresh70": ["split_fresh70.yaml"],
          "fresh71": ["split_fresh71.yaml"],
          "fresh72": ["split_fresh72.yaml"],
          "fresh73": ["split_fresh73.yaml"],
          "fresh74": ["split_fresh74.yaml"],
          "fresh75": ["split_fresh75.yaml"],
          "fresh76": ["split_fresh76.yaml"],
          "fresh77": ["split_fresh77.yaml"],
          "fresh78": ["split_fresh78.yaml"],
          "fresh79": ["split_fresh79.yaml"],
          "fresh80": ["split_fresh80.yaml"],
          "fresh81": ["split_fresh81.yaml"],
          "fresh82": ["split_fresh82.yaml"],
          "fresh83": ["split_fresh83.yaml"],
          "fresh84": ["split_fresh84.yaml"],
          "fresh85": ["split_fresh85.yaml"],
          "fresh86": ["split_fresh86.yaml"],
          "fresh87": ["split_fresh87.yaml"],
          "fresh88": ["split_fresh88.yaml"],
          "fresh89": ["split_fresh89.yaml"],
          "fresh90": ["split_fresh90.yaml"],
          "fresh91": ["split_fresh91.yaml"],
          "fresh92": ["split_fresh92.yaml"],
          "fresh93": ["split_fresh93.yaml"],
          "fresh94": ["split_fresh94.yaml"],
          "fresh95": ["split_fresh95.yaml"],
          "fresh96": ["split_fresh96.yaml"],
          "fresh97": ["split_fresh97.yaml"],
          "fresh98": ["split_fresh98.yaml"],
          "fresh99": ["split_fresh99.yaml"],
          "fresh100": ["split_fresh100.yaml"],
          **{f"fresh{n}": [f"split_fresh{n}.yaml"] for n in range(101, 276)}}


def print_report(name: str, report: Report, show_misses: bool, trained: bool = False) -> None:
    n = len(report.outcomes)
    seen = "  (the learned reader was trained on it)" if trained else "  (held out from training)"
    print(f"\n== split {name}: {n} cases{seen}")
    print(f"  behavioral_health  precision {report.bh.precision:.3f}  "
          f"recall {report.bh.recall:.3f}  (tp {report.bh.tp:.0f}, fp {report.bh.fp:.0f}, "
          f"fn {report.bh.fn:.0f})")
    print(f"  property           precision {report.prop.precision:.3f}  "
          f"recall {report.prop.recall:.3f}  (tp {report.prop.tp:.0f}, "
          f"fp {report.prop.fp:.0f}, fn {report.prop.fn:.0f})")
    for unit in ("police", "ems", "fire"):
        misses = [o for o in report.safety_misses if unit in o.safety_missing]
        print(f"  safety misses {unit:<6} {len(misses)}")
    print(f"  safety misses total  {len(report.safety_misses)} calls")
    dm = len(report.diversion_misses)
    share = dm / report.diversion_cases if report.diversion_cases else 0.0
    print(f"  diversion misses     {dm} of {report.diversion_cases} ({share:.1%})")
    wrong_other = [o for o in report.outcomes if o.wrong - {"police"}]
    print(f"  other units sent that must not go  {len(wrong_other)} calls")
    correct = sum(o.correct for o in report.outcomes)
    print(f"  fully right          {correct} of {n} ({correct / n:.1%})")
    print("  calibration: confidence band | decisions | right | share right | flagged review")
    for band, count, right, review in report.calibration():
        share_right = f"{right / count:.2f}" if count else "  - "
        print(f"    {band}  {count:5d}  {right:5d}  {share_right}  {review:5d}")
    if show_misses:
        for o in report.outcomes:
            bh_wrong = (o.case.behavioral_health is not None
                        and o.case.behavioral_health != o.bh)
            prop_wrong = (o.case.property_crime is not None
                          and o.case.property_crime != o.property_tag)
            if o.correct and not bh_wrong and not prop_wrong:
                continue
            d = o.decision
            print(f"  - {o.case.id} [{o.case.category}] ct={o.case.call_type!r}")
            print(f"      {o.case.narrative}")
            print(f"      sent {sorted(o.sent)} missing {sorted(o.missing)} "
                  f"wrong {sorted(o.wrong)} tags {d.tags} flags {d.safety_flags} "
                  f"bh {o.case.behavioral_health}/{o.bh} "
                  f"prop {o.case.property_crime}/{o.property_tag}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--policy", type=Path, default=None)
    ap.add_argument("--split", action="append", choices=sorted(SPLITS), default=None)
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    policy = load_policy(args.policy)
    print(f"policy {policy.policy_id} v{policy.version} ({policy.hash[:12]})")
    for name in args.split or list(SPLITS):
        files = [CORPUS / f for f in SPLITS[name] if (CORPUS / f).exists()]
        trained = policy.reader is not None and any(
            f.removeprefix("split_").removesuffix(".yaml") in policy.reader.trained_on
            for f in SPLITS[name])
        print_report(name, grade(read_cases(files), policy), args.show_misses, trained)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
