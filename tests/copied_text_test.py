#!/usr/bin/env python3
"""The repository's test texts and rule examples are written for forms of text, never copied from the
measuring set: no field case, rule example or word list may share a run of 90 characters or more with
an article of ../shared/corpus-dev (stock phrases such as "tổ chức Hội nghị sơ kết công tác thi đua,
khen thưởng 6 tháng đầu năm" run to about 70). Exit 77 (skipped) when corpus-dev is not beside the
checkout.

usage: copied_text_test.py SOURCE_DIR [CORPUS_DEV_DIR]"""
import glob, os, sys, unicodedata

LIMIT = 90   # a shared run this long is a copy
SHINGLE = 30  # runs are found from shared 30-character pieces, then extended


def nfc(s):
    return unicodedata.normalize("NFC", s)


def main():
    src = sys.argv[1]
    dev = sys.argv[2] if len(sys.argv) > 2 else os.path.join(src, "..", "shared", "corpus-dev")
    articles = [nfc(open(f, encoding="utf-8", errors="replace").read()) for f in sorted(glob.glob(os.path.join(dev, "*.txt")))]
    if not articles:
        print(f"no corpus-dev at {dev}: skipped")
        return 77
    text = "\n".join(articles)
    pieces = {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}
    files = [os.path.join(src, "tests", "data", "field_cases.tsv")]
    files += sorted(glob.glob(os.path.join(src, "rules", "*.rules")))
    files += sorted(glob.glob(os.path.join(src, "rules", "lists", "*.txt")))
    failures = 0
    for path in files:
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            line = nfc(line.rstrip("\n").replace("\\n", "\n"))
            k = 0
            while k + SHINGLE <= len(line):
                if line[k:k + SHINGLE] not in pieces:
                    k += 1
                    continue
                end = k + SHINGLE  # extend while the run still occurs in some article
                while end < len(line) and line[k:end + 1] in text:
                    end += 1
                if end - k >= LIMIT:
                    failures += 1
                    print(f"{os.path.relpath(path, src)}:{number}: {end - k} characters copied from corpus-dev: "
                          f"\"{line[k:end]}\"")
                    break
                k = end - SHINGLE + 1 if end - k > SHINGLE else k + 1
    print(f"{len(files)} files checked against {len(articles)} corpus-dev articles: {failures} copied line(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
