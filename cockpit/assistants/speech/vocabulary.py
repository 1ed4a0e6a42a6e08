"""The recogniser's model of what can be said, generated from the cockpit's sentence templates.

`Spec` gathers what the cockpit understands right now (the built-in templates, the installed
adapters' sentences and wake words, the driver's places, contacts and profile names). `model_files()`
turns it into three files pocketsphinx reads: a JSGF grammar (an optional wake word, then one
command), a trigram language model over the same sentences (ARPA, built with pocketsphinx's own
`ArpaBoLM`) and a pronunciation dictionary of just the words used. They are cached in a folder
named by the spec's fingerprint, so they are rebuilt exactly when the grammar changes; files are
written to a temporary folder and renamed into place, so a half-written model is never read.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Final

from cockpit.assistants.grammar.sentences import Sentences, all_sentences, slot_values
from cockpit.assistants.speech import template

logger = logging.getLogger(__name__)

FORMAT: Final = 5  # bump when the files written here change shape (or what goes into them)
# The language-model pass may also hear the 600 most common English words (as unigrams, count 1),
# so chatter comes out as chatter and disagrees with the grammar pass. With its discount at 0.02
# instead of ArpaBoLM's 0.5, 118 instead of 110 of 130 commands agreed at 10 dB SNR. 600 rather
# than 1500 words, measured on the whole pipeline at 10 dB (with a home): 110 instead of 108 of
# 130 commands acted on as said, and none of the 32 chatter and out-of-grammar sentences instead
# of one ("how was your weekend" was "i'm leaving" in both passes); 300 scored the same as 600.
BACKGROUND_WORDS: Final = 600
BACKGROUND_COUNT: Final = 1
LM_DISCOUNT: Final = 0.02
CACHE_ENV: Final = "COCKPIT_CACHE_DIR"
# Answers to "Did you say ...?" and to "Are you sure ...?": the voice controller hears them with
# `cockpit.assistants.security.heard_answer`, the one reading of a yes or a no (a test checks each).
YES: Final = Sentences("speech.yes", ("yes [please]", "yeah", "yep", "sure", "okay", "correct", "go ahead",
                                      "do it", "confirm"))
NO: Final = Sentences("speech.no", ("no [thanks]", "nope", "cancel", "don't", "stop"))
_RULE_CHARS = str.maketrans({".": "_", "-": "_"})
_PLAIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True, slots=True)
class WakeWord:
    """A wake phrase (lower case, spaced words) and the adapter it addresses."""

    phrase: str
    adapter: str


@dataclass(frozen=True, slots=True)
class Spec:
    """Everything the generated model depends on; equal specs give the same files."""

    sentences: tuple[Sentences, ...]
    slots: Mapping[str, tuple[str, ...]]
    wake_words: tuple[WakeWord, ...] = ()
    fingerprint: str = field(init=False)

    def __post_init__(self) -> None:
        data = {
            "format": FORMAT,
            "pocketsphinx": _version("pocketsphinx"),
            "sentences": [[s.intent, list(s.templates)] for s in self.sentences],
            "slots": {name: list(values) for name, values in sorted(self.slots.items())},
            "wake": [[w.phrase, w.adapter] for w in self.wake_words],
            "extra_words": _extra_dictionary_text(),
        }
        digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:20]
        object.__setattr__(self, "fingerprint", digest)


def spec(extra: Mapping[str, tuple[str, ...]] | None = None, wake_words: Iterable[WakeWord] = (),
         context: object | None = None) -> Spec:
    """The spec for the built-in templates, `extra` ({intent: templates}), wake words and a grammar
    `Context` (the driver's names; None for the demo defaults)."""
    from cockpit.assistants.grammar.intent import Context

    slots = slot_values(context if isinstance(context, Context) else None)
    unique = tuple(dict.fromkeys(w for w in wake_words if w.phrase))
    return Spec((*all_sentences(extra), YES, NO), slots, unique)


@dataclass(frozen=True, slots=True)
class ModelFiles:
    """The generated model on disk, and what could not go into it."""

    folder: Path
    jsgf: Path
    lm: Path
    dictionary: Path
    dropped_words: tuple[str, ...]
    sentences: int


def cache_dir() -> Path:
    """$COCKPIT_CACHE_DIR, else $XDG_CACHE_HOME/smartcockpit, else ~/.cache/smartcockpit."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "smartcockpit"


def model_files(wanted: Spec, cache: Path | None = None) -> ModelFiles:
    """The model for `wanted`, from the cache or built now; a broken cache entry is rebuilt."""
    root = (cache or cache_dir()) / "speech"
    folder = root / wanted.fingerprint
    found = _read(folder)
    if found is not None:
        return found
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    try:
        _write(wanted, staging)
        try:
            staging.rename(folder)
        except OSError:  # another process finished the same model first: use theirs
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    built = _read(folder)
    if built is None:
        raise OSError(f"speech model in {folder} is incomplete after building it")
    logger.info("built speech model %s (%d sentences)", folder, built.sentences)
    return built


def _read(folder: Path) -> ModelFiles | None:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        files = ModelFiles(folder, folder / "cockpit.jsgf", folder / "cockpit.arpa", folder / "cockpit.dict",
                           tuple(manifest["dropped_words"]), int(manifest["sentences"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not all(path.is_file() for path in (files.jsgf, files.lm, files.dictionary)):
        return None
    return files


def _write(wanted: Spec, folder: Path) -> None:
    words = lexicon()
    known = words.__contains__
    slots = {name: tuple(p for p in phrases if all(known(w) for w in p.split()))
             for name, phrases in wanted.slots.items()}
    rules: dict[str, template.Node] = {}
    sentences: list[str] = []
    dropped: set[str] = set()
    for group in wanted.sentences:
        options = []
        for text in group.templates:
            tree = template.parse(text)
            dropped.update(w for w in _words(tree, wanted.slots) if not known(w))
            pruned = template.prune(tree, known, slots)
            if pruned is not None:
                options.append(pruned)
                sentences.extend(template.expand(pruned, slots))
        if options:
            rules[group.intent] = options[0] if len(options) == 1 else template.Alt(tuple(options))
    wake = [w.phrase for w in wanted.wake_words if all(known(x) for x in w.phrase.split())]
    dropped.update(x for w in wanted.wake_words for x in w.phrase.split() if not known(x))
    used_slots = set().union(*(template.slots_used(node) for node in rules.values()))
    (folder / "cockpit.jsgf").write_text(_jsgf(rules, {n: slots[n] for n in sorted(used_slots)}, wake),
                                         encoding="utf-8")
    background = common_words(BACKGROUND_WORDS)
    (folder / "cockpit.arpa").write_text(_arpa(sentences, wake, background), encoding="utf-8")
    vocabulary = sorted({w for s in [*sentences, *wake, *background] for w in s.split()})
    (folder / "cockpit.dict").write_text(
        "".join(f"{word}{'' if i == 0 else f'({i + 1})'} {phones}\n"
                for word in vocabulary for i, phones in enumerate(words[word])), encoding="utf-8")
    if dropped:
        logger.info("speech model: no pronunciation for %s; sentences with them are left out",
                    ", ".join(sorted(dropped)))
    manifest = {"dropped_words": sorted(dropped), "sentences": len(sentences), "format": FORMAT}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _words(tree: template.Node, slots: Mapping[str, Sequence[str]]) -> set[str]:
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, template.Word):
            found.add(node.text)
        elif isinstance(node, template.Slot):
            found.update(w for phrase in slots.get(node.name, ()) for w in phrase.split())
        elif isinstance(node, template.Opt):
            stack.append(node.body)
        else:
            stack.extend(node.options if isinstance(node, template.Alt) else node.items)
    return found


def rule_name(intent: str) -> str:
    """The JSGF rule of an intent's sentences."""
    return "i_" + intent.translate(_RULE_CHARS)


def _jsgf(rules: Mapping[str, template.Node], slots: Mapping[str, Sequence[str]], wake: Sequence[str]) -> str:
    lines = ["#JSGF V1.0;", "grammar cockpit;"]
    commands = " | ".join(f"<{rule_name(intent)}>" for intent in rules)
    if wake:
        lines.append("public <utterance> = <wake> | [ <wake> ] <command>;")
        lines.append("<wake> = " + " | ".join(wake) + ";")
    else:
        lines.append("public <utterance> = <command>;")
    lines.append(f"<command> = {commands};")
    lines.extend(f"<{rule_name(intent)}> = {template.jsgf(node)};" for intent, node in rules.items())
    lines.extend(f"<slot_{name}> = {' | '.join(phrases)};" for name, phrases in slots.items())
    return "\n".join(lines) + "\n"


def _arpa(sentences: Sequence[str], wake: Sequence[str], background: Sequence[str]) -> str:
    """A trigram model of the sentences, each also after each wake word, and each wake word alone,
    plus the background words as unigrams, so that chatter is heard as chatter."""
    from pocketsphinx.lm import ArpaBoLM

    lines = [*sentences, *wake, *(f"{w} {s}" for w in wake for s in sentences)]
    model = ArpaBoLM(text="\n".join(lines), add_start=True, discount_mass=LM_DISCOUNT)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as words:
        words.write("\n".join(background) + "\n")
    try:
        model.read_word_file(words.name, BACKGROUND_COUNT)
    finally:
        os.unlink(words.name)
    model.compute()
    out = io.StringIO()
    model.write(out)
    return out.getvalue()


def common_words(count: int) -> list[str]:
    """The `count` most frequent plain words of pocketsphinx's general US English model."""
    from pocketsphinx import Config, LogMath, NGramModel, get_model_path

    general = NGramModel(Config(), LogMath(), get_model_path("en-us/en-us.lm.bin"))
    words = [w for w in lexicon() if _PLAIN_WORD.fullmatch(w)]
    return [w for _, w in sorted(((general.prob([w]), w) for w in words), reverse=True)[:count]]


@functools.cache
def lexicon() -> Mapping[str, tuple[str, ...]]:
    """word -> its pronunciations: pocketsphinx's CMU dictionary plus the cockpit's own words."""
    from pocketsphinx import get_model_path

    entries: dict[str, list[str]] = {}
    with open(get_model_path("en-us/cmudict-en-us.dict"), encoding="utf-8") as source:
        _add_entries(entries, source)
    _add_entries(entries, io.StringIO(_extra_dictionary_text()))
    return {word: tuple(phones) for word, phones in entries.items()}


def _add_entries(entries: dict[str, list[str]], lines: Iterable[str]) -> None:
    for line in lines:
        word, _, phones = line.strip().partition(" ")
        if not phones:
            continue
        base = word.split("(", 1)[0]
        entries.setdefault(base, [])
        if phones not in entries[base]:
            entries[base].append(phones.strip())


@functools.cache
def _extra_dictionary_text() -> str:
    return resources.files("cockpit.assistants.speech").joinpath("words.dict").read_text(encoding="utf-8")


def _version(package: str) -> str:
    with contextlib.suppress(metadata.PackageNotFoundError):
        return metadata.version(package)
    return "?"
