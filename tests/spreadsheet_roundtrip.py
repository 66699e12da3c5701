#!/usr/bin/env python3
"""Reads what thidua wrote with independent readers and compares it with the JSON Lines records.

usage: spreadsheet_roundtrip.py THIDUA CORPUS_DIR

- XLSX: opened with openpyxl; every cell of every sheet is compared with the records, flattened here
  by this script's own reading of the table definitions (README, "Spreadsheets"); header bold and
  frozen, dates as date cells, an autofilter on the documents sheet.
- CSV with --excel: read with Python's csv module as utf-8-sig; the same values as the records.
Prints 'N passed, N failed'; exits 1 on any failure.
"""
import csv, datetime, json, os, subprocess, sys, tempfile

thidua, corpus = sys.argv[1], sys.argv[2]
passed = failed = 0

def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print('FAIL:', what)

def rows_of(records):
    """The five tables, as README describes them."""
    j = lambda xs: '; '.join(xs) if xs else None
    docs, members, people, decisions, refs = [], [], [], [], []
    for r in records:
        f = r['source']['path']
        m, b = r['meeting'], r['bloc']
        head = next((x['name'] for x in b['members'] if x['role'] == 'head'), None)
        deputy = next((x['name'] for x in b['members'] if x['role'] == 'deputy'), None)
        docs.append([f, r['title'], r['published'], m['date'],
                     None if m['date'] is None else ('yes' if m['date_inferred'] else 'no'),
                     m['time_of_day'], m['type'], m['period'], m['location'], b['name'], b['kind'], b['number'],
                     b['province'], b['stated_member_count'], len(b['members']), head, deputy,
                     j([c['name'] for c in r['chairpersons']]), len(r['decisions']),
                     j([w['code'] for w in r['warnings']]), None, r['source']['encoding'], r['source']['sha256']])
        for i, x in enumerate(b['members'], 1):
            members.append([f, b['name'], m['date'], i, x['name'], x['role']])
        for i, x in enumerate(r['people'], 1):
            people.append([f, b['name'], m['date'], i, x['name'], x['title'], x['organization'], j(x['roles'])])
        for i, x in enumerate(r['decisions'], 1):
            decisions.append([f, b['name'], m['date'], i, x['kind'], x['text']])
        for i, x in enumerate(r['documents'], 1):
            refs.append([f, i, x['kind'], x['number'], x['date'], x['issuer']])
    return {'documents': docs, 'members': members, 'people': people, 'decisions': decisions,
            'documents_referenced': refs}

records = [json.loads(l) for l in subprocess.run([thidua, 'extract', '-q', corpus], capture_output=True,
                                                 text=True, check=True).stdout.splitlines()]
tables = rows_of(records)
check(len(records) >= 45, f'{len(records)} records')

with tempfile.TemporaryDirectory() as tmp:
    # --- XLSX, read with openpyxl
    import openpyxl
    path = os.path.join(tmp, 'out.xlsx')
    subprocess.run([thidua, 'extract', '-q', corpus, '-o', path], check=True)
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == list(tables), f'sheets {wb.sheetnames}')
    for name, rows in tables.items():
        ws = wb[name]
        check(ws.freeze_panes == 'A2', f'{name}: header frozen ({ws.freeze_panes})')
        check(all(c.font.b for c in ws[1]), f'{name}: header bold')
        got = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
        check(len(got) == len(rows), f'{name}: {len(got)} rows, expected {len(rows)}')
        for i, (g, e) in enumerate(zip(got, rows)):
            g = g + (None,) * (len(e) - len(g)) if isinstance(g, tuple) else g + [None] * (len(e) - len(g))
            for k, (gv, ev) in enumerate(zip(g, e)):
                if isinstance(gv, datetime.datetime):
                    gv = gv.date().isoformat()
                if isinstance(gv, float) and gv.is_integer():
                    gv = int(gv)
                if gv != ev:
                    check(False, f'{name} row {i + 2} col {k + 1}: {gv!r} != {ev!r}')
                    break
            else:
                check(True, '')
    ws = wb['documents']
    check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith('A1:'), 'documents autofilter')
    date_cells = [r[2] for r in ws.iter_rows(min_row=2) if r[2].value is not None]
    check(date_cells and all(c.is_date for c in date_cells), 'published as date cells')

    # --- CSV with --excel, read with Python's csv module as utf-8-sig
    out = os.path.join(tmp, 'csv') + '/'
    subprocess.run([thidua, 'extract', '-q', '--excel', corpus, '-o', out], check=True)
    for name, rows in tables.items():
        raw = open(os.path.join(out, name + '.csv'), 'rb').read()
        check(raw.startswith(b'\xef\xbb\xbf'), f'{name}.csv starts with a BOM')
        got = list(csv.reader(open(os.path.join(out, name + '.csv'), encoding='utf-8-sig', newline='')))[1:]
        check(len(got) == len(rows), f'{name}.csv: {len(got)} rows, expected {len(rows)}')
        for i, (g, e) in enumerate(zip(got, rows)):
            expect = ['' if v is None else str(v) for v in e]
            # a value a spreadsheet would run as a formula is kept as text with a leading apostrophe
            expect = ["'" + v if v[:1] in ('=', '+', '-', '@') else v for v in expect]
            check(g == expect, f'{name}.csv row {i + 2}: {g} != {expect}')

print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
