"""Words for a person, put into their language where they are shown: `Text` and `localise`.

The parts that talk to the driver (the policy's reasons, notices, assistant replies, the change
summary) build a `Text`. It is a str holding the English wording, so logs, the event log, JSON and
comparisons read it as before, and it also keeps its catalogue message id and arguments. Whoever
shows or speaks it (the dashboard, the speech, `cockpit say`) calls `localise(text, tr)` with the
gettext function of the driver's language; arguments that are Texts are put into that language
too. The core marks and never translates: it does not know the driver's language.

`Text` is an extraction keyword, like `N_` (see cockpit.i18n): `Text("Volume limited to {cap} %",
cap=40)`. A template without words (`"{name}: {what}"`) needs no catalogue entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

Translate = Callable[[str], str]


class Text(str):
    """English text that remembers how to say itself in another language."""

    msgid: str
    args: Mapping[str, object]

    def __new__(cls, msgid: str, /, **args: object) -> Text:
        self = super().__new__(cls, msgid.format(**args) if args else msgid)
        self.msgid = msgid
        self.args = args
        return self

    def localise(self, tr: Translate) -> str:
        """This text through `tr` (a gettext function), its arguments too."""
        template = tr(self.msgid)
        if not self.args:
            return template
        # a Text argument says itself in the language too; a number keeps its format spec ("{x:g}")
        return template.format(**{name: value.localise(tr) if isinstance(value, Text) else value
                                  for name, value in self.args.items()})

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (self.msgid, dict(self.args))

    @classmethod
    def join(cls, parts: Iterable[object], separator: str = " · ") -> Text:
        """Parts side by side (each localised on its own), e.g. a list of changes."""
        named = {f"p{index}": part for index, part in enumerate(parts)}
        return cls(separator.join(f"{{{name}}}" for name in named), **named)


def _rebuild(msgid: str, args: dict[str, object]) -> Text:
    return Text(msgid, **args)


def localise(text: object, tr: Translate) -> str:
    """`text` in the language of `tr`: a Text is translated, anything else shown as it is."""
    return text.localise(tr) if isinstance(text, Text) else str(text)


__all__ = ["Text", "Translate", "localise"]
