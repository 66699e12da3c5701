#!/usr/bin/env python3
"""Linear time on hostile input: each form of input that once made a stage quadratic is generated at a
size N and 2N, thidua extract runs on both (best of three, start-up time subtracted), and the ratio of
the times is printed. A stage linear in its input gives ~2; a quadratic one ~4.

usage: scaling.py THIDUA_BINARY [--max-ratio R]   (with --max-ratio, exit 1 when a ratio is above R)
"""
import os, subprocess, sys, tempfile, time

FORMS = {
    # name: (file suffix, unit of text, repetitions at size N)
    'unclosed comments "<!--"': ('.html', '<!--', 2_000_000),
    'unclosed "<script>"': ('.html', '<script>x', 1_000_000),
    'one long line, a date every few words': ('.txt', 'Ngày 5/1/2024 Khối thi đua số 2 tổ chức hội nghị ', 100_000),
    'one long line, no space': ('.txt', 'Khốithiđua', 500_000),
    'semicolons in one sentence': ('.txt', 'Năm 2024, các đơn vị tiếp tục thi đua; ', 200_000),
    'tags without an end "<a "': ('.html', '<a x', 2_000_000),
    'documents joined by "và"': ('.txt', 'Chỉ thị số 1/CT-UB của UBND tỉnh và ', 40_000),
    'decisions in sentences with no ";"': ('.txt', 'Khối thi đua số 2 họp. Hội nghị thống nhất tổ chức hội thao.\n', 10_000),
    'decisions in one sentence, fixed pairs "cơ quan, đơn vị"': ('.txt', 'Hội nghị thống nhất các cơ quan, đơn vị ', 20_000),
    'instructions listed under "đề nghị:"': ('.txt', 'Đồng chí An đề nghị:\n- Các đơn vị tiếp tục đổi mới thi đua.\n', 20_000),
    'speeches and instructions on one line': ('.txt', 'Đồng chí An nhấn mạnh: các đơn vị cần tiếp tục đổi mới thi đua; ', 20_000),
    # one sentence with no ";" holding thousands of triggers, persons, titles, documents, member lists
    'elections in one sentence': ('.txt', 'Sở Y tế được bầu làm Khối trưởng năm 2025, ', 10_000),
    'counted awards in one sentence': ('.txt', '5 đơn vị được UBND tỉnh tặng Bằng khen, ', 10_000),
    'persons with titles in one sentence': ('.txt', 'Tham dự có ông Nguyễn Văn An, Giám đốc Sở Y tế, ', 10_000),
    'instructions by persons in one sentence': ('.txt', 'Ông Nguyễn Văn An đề nghị các đơn vị tiếp tục đổi mới, ', 10_000),
    'documents with dates in one sentence': ('.txt', 'Quyết định số 12/QĐ-UBND ngày 5/1/2024 của UBND tỉnh, ', 10_000),
    'member lists in one sentence': ('.txt', 'Khối thi đua số 3 gồm Sở Y tế, Sở Tư pháp, ', 10_000),
    'roles in one sentence': ('.txt', 'Khối trưởng là Sở Y tế, ', 20_000),
    'needs of a kind of work in one sentence': ('.txt', 'Hoạt động thi đua cần tập trung đổi mới, ', 10_000),
}


def best_time(binary, path, runs=3):
    best = None
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([binary, 'extract', '-q', '--max-bytes', '512M', path], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        t = time.perf_counter() - t
        best = t if best is None else min(best, t)
    return best


def main():
    binary = sys.argv[1]
    max_ratio = float(sys.argv[sys.argv.index('--max-ratio') + 1]) if '--max-ratio' in sys.argv else None
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        empty = os.path.join(tmp, 'empty.txt')
        open(empty, 'w').write('Khối thi đua')
        startup = best_time(binary, empty)
        print(f'start-up {startup:.3f} s (subtracted)')
        print(f'{"input form":44} {"N MB":>6} {"t(N) s":>8} {"t(2N) s":>8} {"ratio":>6}')
        for name, (suffix, unit, reps) in FORMS.items():
            # a ratio over the limit is measured once more before it fails: a quadratic stage is over it
            # every time, a busy machine rarely twice
            for attempt in (1, 2):
                times = []
                for k in (1, 2):
                    path = os.path.join(tmp, f'form{k}{suffix}')
                    with open(path, 'w') as f:
                        f.write(unit * (reps * k))
                    times.append(max(best_time(binary, path) - startup, 0.01))
                ratio = times[1] / times[0]
                mb = len((unit * reps).encode()) / 1e6
                print(f'{name:44} {mb:6.1f} {times[0]:8.2f} {times[1]:8.2f} {ratio:6.2f}')
                if max_ratio is None or ratio <= max_ratio:
                    break
                if attempt == 1:
                    print(f'  above {max_ratio}: measured again')
                else:
                    failed = True
                    print(f'  above {max_ratio}: this stage is not linear in its input')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
