"""Triage policy: a versioned YAML file, validated and compiled once at load.

Sections of the file (``policies/default.yaml`` documents each in place):

``policy_id``, ``version``
    recorded on every decision, with the SHA-256 of the file's bytes.
``text``
    abbreviations, extra vocabulary for typo repair, negation cues and scope.
``call_types``
    ordered call-type mappings; the first whose pattern matches the normalised call type
    (or whose ``codes`` equal it) gives the call's tags and markers.
``evidence``
    narrative (and call-type) evidence rules: a pattern, an optional ``with`` pattern that
    must occur in the same sentence, the tags / safety flags / markers they add, and
    whether a negation ("no weapons", "denies SI") cancels them.
``safety_overrides``
    descriptions of the built-in overrides (:mod:`services.triage.safety`); they cannot
    be disabled here.
``pathways``
    ordered response plans: the first pathway with a tag of the call is chosen; its
    ``adjustments`` change units and priority on given facts.
``default_pathway``
    the conservative plan for calls nothing classifies.
``reader``
    optional: the learned reader's file (beside the policy) and the probabilities at
    which it may add a tag or a unit (:mod:`services.triage.reader`). The recorded hash
    then covers the reader file's bytes too.

A file that does not validate raises :class:`PolicyError` naming the file and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from services.triage import safety
from services.triage.matcher import Matcher, shared_matcher, split_alternatives
from services.triage.reader import TAG_LABELS, Reader, ReaderError, parse_reader
from services.triage.text import TextConfig, shared_text_config
from shared.events import UnitType
from shared.policy_contracts import policy_digest

# Markers the engine sets from the call-taker's screening answers, for adjustments.
SCREENING_MARKERS = frozenset({"screened_safe", "screened_no_weapons",
                               "screened_no_violence", "screened_not_in_progress",
                               "screened_suspect_gone"})

DEFAULT_POLICY_PATH = Path(__file__).resolve().parent / "policies" / "default.yaml"

_NAME = r"^[a-z][a-z0-9_]*$"
Source = Literal["call_type", "narrative"]
_RULE_ID = r"^[a-z][a-z0-9_.\-]*$"


class PolicyError(ValueError):
    """The policy file is missing, unreadable or invalid; the message names the field."""


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AbbreviationSpec(_Spec):
    pattern: str = Field(description="Regex over the lower-cased text.")
    replace: str


class NegationSpec(_Spec):
    cues: list[str] = Field(min_length=1)
    pseudo: list[str] = Field(default_factory=list,
                              description="Two-word phrases, starting with a cue, that negate "
                                          "nothing.")
    post_cues: list[str] = Field(default_factory=list)
    terminators: list[str] = Field(default_factory=list)
    window: int = Field(default=4, ge=1, le=8)

    @field_validator("pseudo")
    @classmethod
    def _two_words(cls, v: list[str]) -> list[str]:
        for phrase in v:
            if len(phrase.split()) != 2:
                raise ValueError(f"pseudo-negation {phrase!r} must be two words")
        return v


class TextSpec(_Spec):
    abbreviations: list[AbbreviationSpec] = Field(default_factory=list)
    vocabulary: list[str] = Field(default_factory=list)
    keep_words: list[str] = Field(default_factory=list)
    negation: NegationSpec


class CallTypeSpec(_Spec):
    id: str = Field(pattern=_RULE_ID)
    description: str = ""
    source: str = Field(default="", description="The public taxonomy the entry comes from.")
    match: list[str] = Field(default_factory=list)
    unless: list[str] = Field(
        default_factory=list,
        description="Patterns that, found in the call type, mean this entry does not "
                    "apply (an alarm is no report of a burglary).")
    codes: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    markers: list[str] = Field(default_factory=list)
    pathway: str | None = None


class EvidenceSpec(_Spec):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=_RULE_ID)
    description: str = ""
    pattern: str
    with_: str | None = Field(default=None, alias="with")
    without: str | None = Field(
        default=None, description="A pattern that, un-negated in the same sentence, makes "
        "a match no evidence (an animal 'acting strange' is no crisis).")
    without_anywhere: bool = Field(
        default=False, description="`without` counts anywhere in the text, not only in the "
        "match's sentence (a break-in told first makes the caller's hiding fear, not trauma).")
    tags: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    markers: list[str] = Field(default_factory=list)
    applies_to: list[Source] = Field(default_factory=lambda: list[Source](["narrative"]))
    negatable: bool = True


class SafetyOverrideSpec(_Spec):
    id: str
    description: str = ""
    enabled: bool = True


class AdjustmentSpec(_Spec):
    id: str = Field(pattern=_RULE_ID)
    description: str = ""
    when_any: list[str] = Field(default_factory=list)
    when_all: list[str] = Field(default_factory=list)
    unless_any: list[str] = Field(default_factory=list)
    units: list[UnitType] | None = None
    add_units: list[UnitType] = Field(default_factory=list)
    remove_units: list[UnitType] = Field(default_factory=list)
    priority: int | None = Field(default=None, ge=1, le=5)
    pathway: str | None = Field(default=None, pattern=_NAME)


class PathwaySpec(_Spec):
    name: str = Field(pattern=_NAME)
    description: str = ""
    tags_any: list[str] = Field(default_factory=list)
    units: list[UnitType]
    priority: int = Field(ge=1, le=5)
    adjustments: list[AdjustmentSpec] = Field(default_factory=list)


class ReaderSpec(_Spec):
    file: str = Field(min_length=1, description="Reader file, relative to the policy file.")
    add_tags_at: float = Field(0.8, gt=0.5, le=1.0)
    add_units_at: dict[Literal["police", "ems", "fire"], float] = Field(default_factory=dict)
    # a call only the reader could classify loses its default police only when the reader
    # itself puts the need for police below this
    keep_police_from: float = Field(0.2, ge=0.0, le=0.5)

    @field_validator("add_units_at")
    @classmethod
    def _probabilities(cls, v: dict[str, float]) -> dict[str, float]:
        # below even odds: a missed ambulance costs more than one sent for nothing
        for unit, p in v.items():
            if not 0.1 <= p <= 1.0:
                raise ValueError(f"{unit}: a probability from 0.1 to 1")
        return v


class PolicySpec(_Spec):
    policy_id: str = Field(min_length=1)
    version: str = Field(min_length=1)
    description: str = ""
    text: TextSpec
    call_types: list[CallTypeSpec]
    evidence: list[EvidenceSpec]
    safety_overrides: list[SafetyOverrideSpec] = Field(default_factory=list)
    pathways: list[PathwaySpec] = Field(min_length=1)
    default_pathway: PathwaySpec
    reader: ReaderSpec | None = None

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int | float) else v


# ---- compiled form -------------------------------------------------------------------


@dataclass(frozen=True)
class CallTypeRule:
    id: str
    pattern: re.Pattern[str] | None  # every `match` of the entry, as one alternation
    unless: re.Pattern[str] | None
    codes: frozenset[str]
    tags: tuple[str, ...]
    flags: tuple[str, ...]
    markers: tuple[str, ...]
    pathway: str | None


@dataclass(frozen=True)
class EvidenceRule:
    id: str
    pattern: re.Pattern[str]
    with_pattern: re.Pattern[str] | None
    without: re.Pattern[str] | None
    without_anywhere: bool
    tags: tuple[str, ...]
    flags: tuple[str, ...]
    markers: tuple[str, ...]
    on_call_type: bool
    on_narrative: bool
    negatable: bool


@dataclass(frozen=True)
class Adjustment:
    id: str
    when_any: frozenset[str]
    when_all: frozenset[str]
    unless_any: frozenset[str]
    units: tuple[UnitType, ...] | None
    add_units: tuple[UnitType, ...]
    remove_units: tuple[UnitType, ...]
    priority: int | None
    pathway: str | None

    def applies(self, facts: set[str]) -> bool:
        if self.when_any and not facts & self.when_any:
            return False
        if self.when_all and not self.when_all <= facts:
            return False
        return not facts & self.unless_any


@dataclass(frozen=True)
class Pathway:
    name: str
    tags_any: frozenset[str]
    units: tuple[UnitType, ...]
    priority: int
    adjustments: tuple[Adjustment, ...]


@dataclass(frozen=True, eq=False)
class PolicySource:
    """The exact bytes a policy's hash covers, kept from the moment they were read: the
    text published for the version is then the text that decided, even if the file on
    disk changes meanwhile."""

    policy_file: str
    policy_bytes: bytes
    reader_file: str | None = None
    reader_bytes: bytes | None = None


@dataclass(frozen=True, eq=False)
class Policy:
    """A loaded, validated and compiled policy. Immutable; safe to share between calls."""

    policy_id: str
    version: str
    hash: str
    path: str
    text: TextConfig
    call_types: tuple[CallTypeRule, ...]
    evidence: tuple[EvidenceRule, ...]
    pathways: tuple[Pathway, ...]
    default_pathway: Pathway
    warnings: tuple[str, ...]
    evidence_matcher: Matcher
    # the evidence rules, then safety.SAFETY_SOURCES: both in one pass over one text
    combined_matcher: Matcher
    reader: Reader | None = None
    reader_path: Path | None = None
    # label -> the probability from which the reader may add that tag or unit
    reader_thresholds: dict[str, float] = field(default_factory=dict)
    # a call only the reader classified keeps police from this probability of police on
    reader_keep_police_from: float = 0.0
    # the bytes the hash covers (None for a policy compiled from a spec in memory)
    source: PolicySource | None = None

    def pathway(self, name: str) -> Pathway | None:
        for p in self.pathways:
            if p.name == name:
                return p
        return self.default_pathway if name == self.default_pathway.name else None


def _fail(path: Path, where: str, msg: str) -> PolicyError:
    return PolicyError(f"invalid triage policy {path}: {where}: {msg}")


def _compile(path: Path, where: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as err:
        raise _fail(path, where, f"bad regular expression {pattern!r}: {err}") from err


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(root)"


def load_policy(path: Path | None = None) -> Policy:
    """Load, validate and compile a policy file (``None``: the repository's default)."""
    path = Path(path) if path is not None else DEFAULT_POLICY_PATH
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise PolicyError(f"cannot read triage policy {path}: {err.strerror or err}") from err
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as err:
        raise PolicyError(f"invalid triage policy {path}: not valid YAML: {err}") from err
    if not isinstance(data, dict):
        raise PolicyError(f"invalid triage policy {path}: (root): expected a mapping")
    try:
        spec = PolicySpec.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        more = f" (and {err.error_count() - 1} more)" if err.error_count() > 1 else ""
        raise _fail(path, _loc(tuple(first["loc"])), f"{first['msg']}{more}") from err
    reader = reader_path = reader_raw = None
    if spec.reader is not None:
        reader_path = path.parent / spec.reader.file
        try:
            reader_raw = reader_path.read_bytes()
            reader = parse_reader(reader_raw, str(reader_path))
        except OSError as err:
            raise _fail(path, "reader.file", f"cannot read {reader_path}: "
                        f"{err.strerror or err}") from err
        except ReaderError as err:
            raise _fail(path, "reader.file", str(err)) from err
    policy = compile_policy(spec, path, policy_digest(raw, reader_raw))
    policy = replace(policy, source=PolicySource(
        path.name, raw, spec.reader.file if spec.reader is not None else None, reader_raw))
    if spec.reader is None:
        return policy
    thresholds = {label: spec.reader.add_tags_at for label in TAG_LABELS}
    thresholds.update({str(unit): p for unit, p in spec.reader.add_units_at.items()})
    return replace(policy, reader=reader, reader_path=reader_path,
                   reader_thresholds=thresholds,
                   reader_keep_police_from=spec.reader.keep_police_from)


def compile_policy(spec: PolicySpec, path: Path, digest: str) -> Policy:
    warnings: list[str] = []
    known_flags = set(safety.SAFETY_FLAGS)
    tags: set[str] = set()
    markers: set[str] = set()

    def check_names(where: str, names: list[str], kind: str) -> None:
        for i, name in enumerate(names):
            if not re.match(_NAME, name):
                raise _fail(path, f"{where}.{kind}[{i}]", f"{name!r} is not a valid name")
            if kind == "flags" and name not in known_flags:
                raise _fail(path, f"{where}.flags[{i}]",
                            f"unknown safety flag {name!r} "
                            f"(known: {', '.join(sorted(known_flags))})")

    # text
    abbreviations = tuple(
        (_compile(path, f"text.abbreviations[{i}].pattern", a.pattern), a.replace)
        for i, a in enumerate(spec.text.abbreviations)
    )
    vocab: set[str] = {w.lower() for w in spec.text.vocabulary}
    neg = spec.text.negation

    call_types: list[CallTypeRule] = []
    seen_ids: set[str] = set()
    for i, ct in enumerate(spec.call_types):
        where = f"call_types[{i}]"
        if ct.id in seen_ids:
            raise _fail(path, f"{where}.id", f"duplicate rule id {ct.id!r}")
        seen_ids.add(ct.id)
        if not ct.match and not ct.codes:
            raise _fail(path, where, "needs at least one of 'match' or 'codes'")
        for kind in ("tags", "flags", "markers"):
            check_names(where, getattr(ct, kind), kind)
        tags.update(ct.tags)
        markers.update(ct.markers)
        for j, p in enumerate(ct.match):
            _compile(path, f"{where}.match[{j}]", p)  # each checked alone, to name it
        for j, p in enumerate(ct.unless):
            _compile(path, f"{where}.unless[{j}]", p)
        pattern = re.compile(r"\b(?:" + "|".join(ct.match) + r")\b") if ct.match else None
        unless = re.compile(r"\b(?:" + "|".join(ct.unless) + r")\b") if ct.unless else None
        for p in ct.match:
            vocab |= safety.pattern_words(p)
        call_types.append(CallTypeRule(
            ct.id, pattern, unless, frozenset(c.strip().lower() for c in ct.codes), tuple(ct.tags),
            tuple(ct.flags), tuple(ct.markers), ct.pathway,
        ))

    evidence: list[EvidenceRule] = []
    for i, ev in enumerate(spec.evidence):
        where = f"evidence[{i}]"
        if ev.id in seen_ids:
            raise _fail(path, f"{where}.id", f"duplicate rule id {ev.id!r}")
        seen_ids.add(ev.id)
        for kind in ("tags", "flags", "markers"):
            check_names(where, getattr(ev, kind), kind)
        if not (ev.tags or ev.flags or ev.markers):
            raise _fail(path, where, "a rule must add at least one tag, flag or marker")
        tags.update(ev.tags)
        markers.update(ev.markers)
        vocab |= safety.pattern_words(ev.pattern)
        evidence.append(EvidenceRule(
            ev.id,
            _compile(path, f"{where}.pattern", rf"\b(?:{ev.pattern})\b"),
            _compile(path, f"{where}.with", rf"\b(?:{ev.with_})\b") if ev.with_ else None,
            _compile(path, f"{where}.without", rf"\b(?:{ev.without})\b")
            if ev.without else None, ev.without_anywhere,
            tuple(ev.tags), tuple(ev.flags), tuple(ev.markers),
            "call_type" in ev.applies_to, "narrative" in ev.applies_to, ev.negatable,
        ))

    builtin_ids = {"override.weapon", "override.violence", "override.imminent_risk",
                   "override.crime_in_progress", "override.medical", "override.fire",
                   "override.endangered"}
    for i, so in enumerate(spec.safety_overrides):
        if so.id not in builtin_ids:
            raise _fail(path, f"safety_overrides[{i}].id",
                        f"unknown override {so.id!r} (built-in: {', '.join(sorted(builtin_ids))})")
        if not so.enabled:
            warnings.append(f"safety_overrides[{i}] ({so.id}): 'enabled: false' ignored; "
                            "built-in safety overrides always apply")

    facts = tags | markers | known_flags | SCREENING_MARKERS
    names = [p.name for p in spec.pathways] + [spec.default_pathway.name]
    if len(set(names)) != len(names):
        raise _fail(path, "pathways", "pathway names must be unique")

    def build_pathway(p: PathwaySpec, where: str) -> Pathway:
        adjustments = []
        for j, adj in enumerate(p.adjustments):
            for kind in ("when_any", "when_all", "unless_any"):
                for k, name in enumerate(getattr(adj, kind)):
                    if name not in facts:
                        raise _fail(path, f"{where}.adjustments[{j}].{kind}[{k}]",
                                    f"{name!r} is no tag, marker or safety flag of this policy")
            if adj.pathway is not None and adj.pathway not in names:
                raise _fail(path, f"{where}.adjustments[{j}].pathway",
                            f"unknown pathway {adj.pathway!r}")
            adjustments.append(Adjustment(
                adj.id, frozenset(adj.when_any), frozenset(adj.when_all),
                frozenset(adj.unless_any), tuple(adj.units) if adj.units is not None else None,
                tuple(adj.add_units), tuple(adj.remove_units), adj.priority, adj.pathway,
            ))
        for k, t in enumerate(p.tags_any):
            if t not in tags:
                raise _fail(path, f"{where}.tags_any[{k}]",
                            f"no rule of this policy sets tag {t!r}")
        return Pathway(p.name, frozenset(p.tags_any), tuple(p.units), p.priority,
                       tuple(adjustments))

    pathways = tuple(build_pathway(p, f"pathways[{i}]") for i, p in enumerate(spec.pathways))
    default = build_pathway(spec.default_pathway, "default_pathway")
    for i, ct in enumerate(spec.call_types):
        if ct.pathway is not None and ct.pathway not in names:
            raise _fail(path, f"call_types[{i}].pathway", f"unknown pathway {ct.pathway!r}")

    text = shared_text_config(
        abbreviations=abbreviations,
        vocabulary=frozenset(vocab),
        keep_words=frozenset(w.lower() for w in spec.text.keep_words) | safety.KEEP_WORDS,
        negation_cues=frozenset(neg.cues),
        pseudo_negations=frozenset(tuple(p.split()) for p in neg.pseudo),  # type: ignore[misc]
        post_negation_cues=frozenset(neg.post_cues),
        scope_terminators=frozenset(neg.terminators),
        negation_window=neg.window,
    )
    evidence_sources = [split_alternatives(ev.pattern) for ev in spec.evidence]
    return Policy(
        policy_id=spec.policy_id, version=spec.version, hash=digest, path=str(path),
        text=text, call_types=tuple(call_types), evidence=tuple(evidence),
        pathways=pathways, default_pathway=default, warnings=tuple(warnings),
        evidence_matcher=shared_matcher(evidence_sources),
        combined_matcher=shared_matcher([*evidence_sources, *safety.SAFETY_SOURCES]),
    )
