"""Quotation-mark pairing over a whole document.

Finds the quoted stretches of every sentence from a table of opening and
closing marks: straight (" '), curly (“ ” ‘ ’), guillemets (« » ‹ ›, also the
reversed »…« style) and low-9 („ “ ‚ ‘). Apostrophes (don't, workers’) are told
apart from single quotes by their context. A quote that does not close in its
sentence runs to the end of it; it carries over into the next sentences when a
later sentence closes it (or re-opens it at its start, the multi-paragraph
convention) within a short window, else it ends with its sentence.

>>> segs = find_quotes(["“We will rebuild,” she said."])
>>> [(q.start, q.end, q.open_mark, q.close_mark) for q in segs[0]]
[(1, 17, 0, 17)]
"""
from __future__ import annotations

from dataclasses import dataclass

# opening mark -> closing marks it accepts
DOUBLE_OPEN = {"“": "”\"", "„": "“”\"", "«": "»", "‟": "”", '"': '"”', "»": "«"}
SINGLE_OPEN = {"‘": "’'", "‚": "‘’'", "‹": "›", "'": "'’", "›": "‹"}
DOUBLE_CHARS = frozenset('“”„«»‟"')
SINGLE_CHARS = frozenset("‘’‚‹›'")
QUOTE_CHARS = DOUBLE_CHARS | SINGLE_CHARS
OPEN_ONLY = frozenset("“„«‟‘‚‹")
CLOSE_ONLY = frozenset("”»’›")
CARRY_WINDOW = 5


@dataclass
class Quote:
    """A quoted stretch of one sentence: ``[start, end)`` is the text inside the marks.

    ``open_mark``/``close_mark`` are the indices of the marks, or ``None`` when the
    quote opened in an earlier sentence / does not close in this one. ``unit`` numbers
    the document-level quotation a stretch belongs to (shared across sentences).
    """

    start: int
    end: int
    open_mark: int | None
    close_mark: int | None
    unit: int = -1

    @property
    def span_with_marks(self) -> tuple[int, int]:
        s = self.open_mark if self.open_mark is not None else self.start
        e = self.close_mark + 1 if self.close_mark is not None else self.end
        return s, e


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _opens_context(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return (prev == "" or prev.isspace() or prev in "([{—–-/:“‘„«") and nxt != "" and not nxt.isspace()


def _closes_context(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return prev != "" and not prev.isspace() and (nxt == "" or not nxt.isalnum())


def _is_apostrophe(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if prev.isalnum() and nxt.isalpha():
        return True  # don't, O’Brien
    if prev == "" or prev.isspace():
        # ’90s, 'em
        return nxt.isdigit() and text[i + 1 : i + 4].rstrip("s").isdigit()
    return False


def _scan(text: str, stack: list[tuple[str, int]]) -> tuple[list[tuple[int, int | None, int | None, int]], list[tuple[str, int]], bool]:
    """Scan one sentence starting with ``stack`` open; return top-level spans and the new stack.

    Each span is ``(start, end, open_mark, close_mark)``. The flag says whether the first
    mark seen while a quote was carried in closed it (or re-opened it at the start).
    """
    spans: list[tuple[int, int | None, int | None, int]] = []
    stack = list(stack)
    top_start: int | None = 0 if stack else None
    top_open: int | None = None
    carried_ok = not stack
    first_mark = True
    n = len(text)
    for i, ch in enumerate(text):
        if ch not in QUOTE_CHARS:
            continue
        if ch in SINGLE_CHARS and _is_apostrophe(text, i):
            continue
        is_double = ch in DOUBLE_CHARS
        acted = False
        # 1. close the innermost open quote of the same kind?
        if stack:
            opener, _ = stack[-1]
            same_kind = (opener in DOUBLE_OPEN) == is_double if opener not in ("»", "›") else True
            if same_kind and ch in (DOUBLE_OPEN.get(opener, "") if is_double else SINGLE_OPEN.get(opener, "")):
                closes = ch in CLOSE_ONLY or _closes_context(text, i) or (ch == "“" and opener == "„")
                if ch in "'’" and closes:
                    # possessive plural inside a single-quoted quote (“workers’ union”)
                    if text[i - 1 : i] in ("s", "S") and i + 1 < n and text[i + 1] == " " and i + 2 < n and text[i + 2].isalpha():
                        later = [j for j in range(i + 1, n) if text[j] in "'’" and _closes_context(text, j)]
                        if later:
                            closes = False
                if closes and not (ch not in CLOSE_ONLY and ch not in "'" and _opens_context(text, i) and ch in OPEN_ONLY):
                    stack.pop()
                    if not stack:
                        spans.append((top_start if top_start is not None else 0, i, top_open, i))
                        top_start = None
                    if first_mark:
                        carried_ok = True
                    first_mark = False
                    continue
            if len(stack) == 1 and stack[0][1] == -1 and first_mark and is_double and ch in OPEN_ONLY | {'"'} and text[:i].strip() == "":
                # multi-paragraph convention: the carried quote re-opens at the start
                top_open = i
                top_start = i + 1
                carried_ok = True
                first_mark = False
                continue
        # 2. open a new quote?
        if ch in OPEN_ONLY or ((ch in "\"'»›") and _opens_context(text, i)) or (ch == "”" and _opens_context(text, i) and not stack):
            if len(stack) >= 3:
                continue
            if not stack:
                top_start, top_open = i + 1, i
            stack.append((ch if ch != "”" else "“", i))
            acted = True
        elif ch in CLOSE_ONLY or ch == '"':
            # a stray closer: closes a quote carried from before this sentence that we did not know
            if not stack and is_double and not spans and first_mark:
                spans.append((0, i, None, i))
                acted = True
        if acted:
            first_mark = False
    if stack:
        spans.append((top_start if top_start is not None else 0, n, top_open, None))
    return spans, stack, carried_ok


def find_quotes(sentences: list[str]) -> list[list[Quote]]:
    """Quoted stretches per sentence of a document (top level only; inner quotes stay inside)."""
    out: list[list[Quote]] = []
    stack: list[tuple[str, int]] = []
    unit = -1
    i = 0
    carried_unit = -1
    while i < len(sentences):
        text = sentences[i]
        spans, new_stack, _ = _scan(text, stack)
        quotes: list[Quote] = []
        for k, (s, e, om, cm) in enumerate(spans):
            if k == 0 and carried_unit >= 0:
                u = carried_unit
            else:
                unit += 1
                u = unit
            quotes.append(Quote(s, e, om, cm, u))
        carried_unit = -1
        if new_stack:
            # carry into the next sentences only if a later sentence closes or re-opens the quote
            if _should_carry(sentences, i + 1, new_stack):
                stack = [(new_stack[0][0], -1)]
                carried_unit = quotes[-1].unit if quotes else -1
            else:
                stack = []
        else:
            stack = []
        out.append(quotes)
        i += 1
    return out


def _should_carry(sentences: list[str], j: int, stack: list[tuple[str, int]]) -> bool:
    for k in range(j, min(len(sentences), j + CARRY_WINDOW)):
        text = sentences[k]
        if not any(c in QUOTE_CHARS for c in text):
            continue
        spans, _, ok = _scan(text, [(stack[0][0], -1)])
        return ok and bool(spans)
    return False
