#!/usr/bin/env python3
"""Adds `at` spans to a hand-written gold record by finding each value in its document.

usage: tools/add_gold_spans.py DOC.txt DOC.gold.json   (rewrites the gold file in place)

For corpus authors: the values are written by reading the text; this only locates them, as byte
offsets into the original file, searching forward in document order for list items. A value that is
not found verbatim (NFD text, entities) is located in the NFC form of the text when the file is plain
UTF-8 NFD; otherwise it gets no `at` and a note on stderr. Never use it to write values.
"""
import json, sys, unicodedata

def find(data, text, value, start=0):
    raw = value.encode('utf-8')
    at = data.find(raw, start)
    if at >= 0:
        return [at, at + len(raw)]
    # NFD documents: find the NFD spelling of the value.
    raw = unicodedata.normalize('NFD', value).encode('utf-8')
    at = data.find(raw, start)
    if at >= 0:
        return [at, at + len(raw)]
    return None

def main():
    txt, gold_path = sys.argv[1], sys.argv[2]
    data = open(txt, 'rb').read()
    gold = json.load(open(gold_path, encoding='utf-8'))
    def put(obj, key, start=0):
        span = find(data, None, obj[key], start)
        if span:
            obj['at'] = span
        else:
            obj.pop('at', None)
            print(f'{gold_path}: no span for {obj[key]!r}', file=sys.stderr)
        return span
    m = gold['meeting']
    if m.get('date_text'):
        put(m, 'date_text')
        del m['date_text']
    pos = 0
    for mem in gold['bloc']['members']:
        s = put(mem, 'name', pos)
        if s: pos = s[1]
    if gold['bloc'].get('name'):
        put(gold['bloc'], 'name')
    for group in ('chairpersons', 'people'):
        for p in gold[group]:
            put(p, 'name')
    pos = 0
    for d in gold['decisions']:
        s = put(d, 'text', pos)
        if s: pos = s[0]
    for d in gold['documents']:
        put(d, 'number')
    json.dump(gold, open(gold_path, 'w', encoding='utf-8'), ensure_ascii=False, indent=2)
    open(gold_path, 'a').write('\n')

if __name__ == '__main__':
    main()
