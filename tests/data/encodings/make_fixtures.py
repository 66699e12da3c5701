#!/usr/bin/env python3
"""Writes the encoding fixtures beside this script from sample.utf8.txt, with Python's own codecs
(independent of ICU, which thidua decodes with). Run it again only when the sample changes."""
import pathlib, unicodedata

here = pathlib.Path(__file__).parent
text = (here / 'sample.utf8.txt').read_text(encoding='utf-8')
TONES = '\u0300\u0301\u0303\u0309\u0323'

def cp1258(s):
    # Windows-1258 has the shaped vowels (â ê ô ơ ư ă đ) precomposed but writes tones as combining marks.
    out = []
    for ch in unicodedata.normalize('NFC', s):
        parts = unicodedata.normalize('NFD', ch)
        tones = ''.join(c for c in parts if c in TONES)
        shaped = unicodedata.normalize('NFC', ''.join(c for c in parts if c not in TONES))
        out.append(shaped + tones)
    return ''.join(out).encode('cp1258')

(here / 'sample.utf8-bom.txt').write_bytes(b'\xef\xbb\xbf' + text.encode('utf-8'))
(here / 'sample.utf16le-bom.txt').write_bytes(b'\xff\xfe' + text.encode('utf-16-le'))
(here / 'sample.utf16be-bom.txt').write_bytes(b'\xfe\xff' + text.encode('utf-16-be'))
(here / 'sample.utf16le.txt').write_bytes(text.encode('utf-16-le'))
(here / 'sample.cp1258.txt').write_bytes(cp1258(text))
