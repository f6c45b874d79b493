#!/usr/bin/env python3
"""Convert hand-annotated news markup to CoNLL (WORD - - TAG, IOB2).

Usage: markup_to_conll.py SOURCE.txt OUT.conll

SOURCE: lines starting with '#' are comments (the first block of them becomes
the README of the first -DOCSTART- line); '=== N' starts an article; every
other non-blank line is one sentence.  {TYPE:words} marks a name (TYPE is
PER, ORG, LOC or MISC).  Tokens follow CoNLL-2003: punctuation split off,
possessive 's / ’s its own token, abbreviations (U.S., Inc., initials) kept.
A malformed mark is reported as SOURCE:LINE and the script exits 2.
Python 3 standard library only.
"""
import re
import sys

MARK = re.compile(r"\{(PER|ORG|LOC|MISC):([^{}]+)\}")
# A token: possessive, an abbreviation with inner/final dots, a word (with
# inner hyphens, dots, ampersands, plus signs), a number, or one
# punctuation character.
TOKEN = re.compile(
    r"['’]s\b"
    r"|(?:[A-Za-z]\.){2,}"  # U.S., U.K.
    r"|(?:Inc|Corp|Co|Ltd|Mr|Mrs|Dr|Jr|St|No)\.(?=\s|$|,)"
    r"|[A-Za-z](?:\.(?=\s[A-Z]))"  # initial: "J. Smith"
    r"|[\w][\w&+]*(?:[-.][\w&+]+)*"
    r"|\$|%|[^\s\w]"
)


def tokens(text):
    return TOKEN.findall(text)


def convert(src_path):
    docs, readme, doc, sentences = [], [], None, None
    with open(src_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                if doc is None:
                    readme.append(line.lstrip("# ").strip())
                continue
            if line.startswith("==="):
                sentences = []
                docs.append(sentences)
                doc = len(docs)
                continue
            if not line.strip():
                continue
            if sentences is None:
                sys.exit(f"{src_path}:{n}: text before the first '=== ' article line")
            if line.count("{") != line.count("}") or len(MARK.findall(line)) != line.count("{"):
                sys.exit(f"{src_path}:{n}: malformed {{TYPE:words}} mark")
            sent, pos = [], 0
            for m in MARK.finditer(line):
                sent += [(t, "O") for t in tokens(line[pos : m.start()])]
                words = tokens(m.group(2))
                sent += [(t, ("B-" if i == 0 else "I-") + m.group(1)) for i, t in enumerate(words)]
                pos = m.end()
            sent += [(t, "O") for t in tokens(line[pos:])]
            sentences.append(sent)
    return " ".join(readme), docs


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    readme, docs = convert(sys.argv[1])
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for i, sentences in enumerate(docs):
            head = "-DOCSTART- -X- -X- O" + (f"  README: {readme}" if i == 0 and readme else "")
            out.write(head + "\n\n")
            for sent in sentences:
                for tok, tag in sent:
                    out.write(f"{tok} - - {tag}\n")
                out.write("\n")


if __name__ == "__main__":
    main()
