#!/usr/bin/python3
"""How the review page scales: a page of N documents (copies of corpus/ under other names) opened in
headless Chromium. Prints the page's size per document against the document's text plus its record,
the time until the first document is shown, and the time to move to another document.

usage: review_bench.py THIDUA_BINARY SOURCE_DIR [--docs 5000]"""
import argparse, glob, json, os, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import headless_chromium  # exits 77 (skipped) without python3-selenium

ap = argparse.ArgumentParser()
ap.add_argument("thidua")
ap.add_argument("src")
ap.add_argument("--docs", type=int, default=5000)
a = ap.parse_args()

work = tempfile.mkdtemp(prefix="thidua-review-bench-")
docs = os.path.join(work, "docs")
os.makedirs(docs)
sources = sorted(glob.glob(os.path.join(a.src, "corpus", "*", "*.txt")))
for i in range(a.docs):
    shutil.copy(sources[i % len(sources)], os.path.join(docs, f"d{i:05d}.txt"))
page = os.path.join(work, "review.html")
t0 = time.time()
subprocess.run([a.thidua, "review", docs, "-o", page, "--quiet"], check=True)
write_s = time.time() - t0
records = subprocess.run([a.thidua, "extract", docs, "--quiet"], capture_output=True, check=True).stdout
text_bytes = sum(os.path.getsize(os.path.join(docs, f)) for f in os.listdir(docs))
page_bytes = os.path.getsize(page)

d = headless_chromium.start()
try:
    t0 = time.time()
    d.get("file://" + page)
    while d.execute_script("return !(window.thiduaReview && document.querySelector('#text').childNodes.length)"):
        time.sleep(0.01)
    first_s = time.time() - t0
    moves = d.execute_script("""
      const times = [];
      for (let k = 0; k < 50; ++k) {
        const i = Math.floor(k * thiduaReview.docs.length / 50);
        const t = performance.now();
        thiduaReview.open(i);
        document.body.getBoundingClientRect();  // layout done
        times.push(performance.now() - t);
      }
      return times;""")
    listed = d.execute_script("return thiduaReview.shown().length")
finally:
    d.quit()

print(f"documents: {a.docs} ({text_bytes / 1e6:.1f} MB of text, {len(records) / 1e6:.1f} MB of records)")
print(f"page: {page_bytes / 1e6:.1f} MB written in {write_s:.1f} s; per document {page_bytes / a.docs / 1024:.1f} KB "
      f"against {(text_bytes + len(records)) / a.docs / 1024:.1f} KB of text plus record")
print(f"first document shown {first_s * 1000:.0f} ms after the page was asked for; {listed} rows listed")
print(f"moving to another document: median {statistics.median(moves):.1f} ms, max {max(moves):.1f} ms")
shutil.rmtree(work)
