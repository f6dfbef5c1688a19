#!/usr/bin/env python3
"""Measurements for issue 20 (reading delivered copy): HTML extraction, date parsing, language id.

    .venv/bin/python scripts/bench/extraction.py          # trafilatura, dateparser, py3langid
    /tmp/rvenv/bin/python scripts/bench/extraction.py     # + readability-lxml, lingua (if installed)

A throwaway venv with everything:
    python3 -m venv /tmp/rvenv && /tmp/rvenv/bin/pip install -U pip
    /tmp/rvenv/bin/pip install readability-lxml trafilatura dateparser py3langid lingua-language-detector

Any library that is not importable is skipped with a message. Nothing is fetched from the network.

1. Extraction: the two HTML fixtures in tests/fixtures/delivered/ plus three pages made below (a blog,
   an article in <div id="main"> with long related-links lists and a comment section, a page with a
   long footer of links). Per page and library: story recall (share of the known story paragraphs
   found: a paragraph counts when >= 90% of its word 5-grams are in the output), boilerplate leaked
   (how many known nav/banner/aside/footer/comment strings are in the output text), hostile leaked
   (alert(/evil.example/javascript:/onerror... in the output text; in brackets: in the raw output,
   i.e. readability's HTML), metadata right out of (title, date, author, site name), and the median
   time of 5 runs after a warm-up.
2. dateparser on 20 agency-style date strings (en/fr/de/es, with/without zone, year-less ones given a
   year through RELATIVE_BASE), with a language hint and without.
3. Language id on 30 short news paragraphs (10 en, 10 fr, 10 de): py3langid (all languages and
   restricted to en/fr/de) and lingua-language-detector if importable.
"""

from __future__ import annotations

import html as htmllib
import re
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "delivered"


def have(module: str):
    try:
        return __import__(module)
    except Exception as exc:  # noqa: BLE001 - any import failure means "skip"
        print(f"[skip] {module} is not importable here ({type(exc).__name__}: {exc}); "
              f"interpreter {sys.executable}")
        return None


def timed(fn, runs: int = 5) -> tuple[object, float]:
    """(result of the last run, median seconds of `runs` runs)."""
    times = []
    result = None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return result, statistics.median(times)


def norm(text: str) -> str:
    text = htmllib.unescape(text).replace("\u00a0", " ")
    text = re.sub(r"[\u2018\u2019]", "'", text)
    text = re.sub(r"[\u201c\u201d]", '"', text)
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", norm(text).lower())


def shingles(ws: list[str], n: int = 5) -> set[tuple[str, ...]]:
    return {tuple(ws[i:i + n]) for i in range(max(1, len(ws) - n + 1))}


def para_found(para: str, out_shingles: set) -> bool:
    s = shingles(words(para))
    return len(s & out_shingles) / len(s) >= 0.9


# --------------------------------------------------------------------------------------------------
# 1. Pages
# --------------------------------------------------------------------------------------------------

HOSTILE = ["alert(", "evil.example", "javascript:", "onerror", "onload", "tracker.example", "<script",
           "<iframe", "flash.swf"]


def blog_page() -> dict:
    story = [
        "I have sailed past the Horn of Africa more times than I can count, but this winter was the first time I took a ship the long way round without ever being told the reason in writing.",
        "Our charterer simply sent a new voyage plan: Singapore to Rotterdam via the Cape of Good Hope. Twelve extra days, two extra bunkering stops, and a crew who had planned Christmas around a Suez transit.",
        "“Not this time,” the charterer wrote back.",
        "Nobody on board argued. We had all followed the news about the Houthis and the drones over the southern Red Sea, and the younger officers were, frankly, relieved.",
        "What surprised me was the weather. The Agulhas current in January is no joke for a laden container ship, and we spent two days hove to, waiting for a gale to blow itself out off Port Elizabeth.",
        "When we finally reached Rotterdam, the terminal was full of Maersk boxes that had arrived on three different ships in the same week. The pilots said they had never seen bunching like it.",
        "I do not know when we will go back through Suez. Egypt wants us back, the insurers want proof, and the men and women on board want a route they can plan a life around.",
    ]
    boiler = ["Captain's Log", "Notes from the bridge of a working ship", "Archives", "February 2024",
              "January 2024", "Blogroll", "Seafarers' Mission", "Tagged: Red Sea", "Leave a Reply",
              "Your email address will not be published", "Proudly powered by WordPress",
              "Recent Posts", "Why I still carry a paper chart", "Share this:", "Like this:", "Loading...",
              "Getting relief to a ship in the middle of a storm season",
              "The cook on my last ship kept a list of every port"]
    paras = "\n".join(f"<p>{p}</p>" for p in story)
    html = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="UTF-8">
<title>The long way round &#8211; Captain&#039;s Log</title>
<meta name="generator" content="WordPress 6.4.3">
<link rel="alternate" type="application/rss+xml" title="Captain&#039;s Log &raquo; Feed" href="https://captainslog.example/feed/">
<script src="https://captainslog.example/wp-includes/js/jquery/jquery.min.js"></script>
</head>
<body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header">
  <p class="site-title"><a href="/">Captain's Log</a></p>
  <p class="site-description">Notes from the bridge of a working ship</p>
  <nav id="site-navigation"><a href="/">Home</a> <a href="/about">About me</a> <a href="/contact">Contact</a></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-412" class="post-412 post type-post status-publish">
  <header class="entry-header">
    <h1 class="entry-title">The long way round</h1>
    <div class="entry-meta">Posted on <time class="entry-date published" datetime="2024-03-06T08:00:00+00:00">March 6, 2024</time>
    by <span class="author vcard"><a class="url fn n" href="/author/tbrekke/">Tomas Brekke</a></span></div>
  </header>
  <div class="entry-content">
{paras}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a class="share-twitter" href="#">Twitter</a></li><li><a class="share-facebook" href="#">Facebook</a></li></ul></div>
<div class="sharedaddy sd-block sd-like"><h3 class="sd-title">Like this:</h3><span class="loading">Loading...</span></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>
 <div class="jp-relatedposts-items">
  <div class="jp-relatedposts-post"><h4><a href="/p2">Crew change in Colombo</a></h4>
   <p class="jp-relatedposts-post-excerpt">Getting relief to a ship in the middle of a storm season was hard enough before the Red Sea closed, and now the agents in Colombo are booked for weeks.</p>
   <p class="jp-relatedposts-post-date">February 12, 2024</p></div>
  <div class="jp-relatedposts-post"><h4><a href="/p3">What we eat at sea</a></h4>
   <p class="jp-relatedposts-post-excerpt">The cook on my last ship kept a list of every port where fresh fruit could be had, and the list got a lot shorter this winter.</p>
   <p class="jp-relatedposts-post-date">January 28, 2024</p></div>
 </div></div>
  </div>
  <footer class="entry-footer"><span class="tags-links">Tagged: Red Sea, Suez, seafaring</span></footer>
</article>
<div id="comments" class="comments-area">
  <div id="respond" class="comment-respond"><h3 class="comment-reply-title">Leave a Reply</h3>
  <p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
  <textarea id="comment" name="comment"></textarea></div>
</div>
</main></div>
<aside id="secondary" class="widget-area">
  <section class="widget"><h2 class="widget-title">Recent Posts</h2><ul>
    <li><a href="/p1">Why I still carry a paper chart</a></li><li><a href="/p2">Crew change in Colombo</a></li></ul></section>
  <section class="widget"><h2 class="widget-title">Archives</h2><ul>
    <li><a href="/2024/03">March 2024</a></li><li><a href="/2024/02">February 2024</a></li><li><a href="/2024/01">January 2024</a></li></ul></section>
  <section class="widget"><h2 class="widget-title">Blogroll</h2><ul>
    <li><a href="https://mission.example">Seafarers' Mission</a></li><li><a href="https://tides.example">Tide tables</a></li></ul></section>
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress</div></footer>
</div></body></html>
"""
    meta = {"title": "The long way round", "date": "2024-03-06", "author": "Tomas Brekke", "site": "Captain's Log"}
    return {"name": "blog (generated)", "html": html, "story": story, "boiler": boiler, "meta": meta}


def main_div_page() -> dict:
    story = [
        "Port workers in Aden have begun clearing a backlog of containers that built up after regional feeder services cut their calls, local officials said, although volumes remain far below their level of a year ago.",
        "The port authority said about 4,000 boxes had been moved out of the yard in the past fortnight, helped by a temporary waiver of storage charges for importers who collected cargo within ten days.",
        "Traders in the city said the cost of bringing goods in by sea had risen sharply since the start of the Houthi attacks, because insurers now demand higher premiums for any vessel entering the area.",
        "“We are moving, but slowly,” he said.",
        "A senior harbour official, Nabil Qasim, said the authority had asked international carriers, including Maersk, to consider at least a fortnightly call. The company has not said whether it will do so.",
        "Egypt and Djibouti have both offered to act as transhipment points for cargo bound for Yemen, but importers say the extra handling adds weeks and costs they cannot pass on to customers.",
    ]
    related = [f"{t}" for t in (
        "Bunker barges queue off Fujairah", "Why freight rates doubled in a month", "Five charts on the Red Sea crisis",
        "Crew welfare on the Cape route", "Insurers split over escort discounts", "Suez pilots train for night convoys",
        "The ports that gained from the diversion", "Aden's long road back", "Container lines add ships to Asia loops",
        "Danish frigate cuts tour short", "How war-risk cover is priced", "Yemen's fishermen caught in the crossfire",
        "Djibouti's feeder boom", "Rotterdam copes with bunching", "A guide to the Bab el-Mandeb strait",
    )]
    comments = [
        "This is exactly what my cousin in Aden has been saying for weeks, the shops have nothing on the shelves.",
        "Interesting article but it does not mention the fuel subsidies at all, which seems like a big omission to me.",
        "Shipping has always adapted. In ten years nobody will remember this, just like the canal closure in the sixties.",
        "Does anyone know whether the storage waiver applies to reefer containers too? Asking for a fruit importer.",
        "Great reporting, please do a follow-up on the dock workers themselves and how their pay has been affected.",
    ]
    boiler = ["Most viewed this week", "More from Middle East", *related[:6], *comments, "Reader responses (5)",
              "Post a response", "Sign in to respond", "Ships &amp; Shores", "Subscribe for full access",
              "Read more:", "Djibouti's feeder boom, explained"]
    boiler = [htmllib.unescape(b) for b in boiler]
    paras = "\n".join(f"    <p>{p}</p>" for p in story[:3])
    paras += '\n    <p class="promo"><strong>Read more:</strong> <a href="/r/x">Djibouti\'s feeder boom, explained</a></p>\n'
    paras += "\n".join(f"    <p>{p}</p>" for p in story[3:])
    rel1 = "\n".join(f'      <li><a href="/r/{i}">{t}</a></li>' for i, t in enumerate(related[:8]))
    rel2 = "\n".join(f'      <li><a href="/m/{i}">{t}</a></li>' for i, t in enumerate(related[8:]))
    com = "\n".join(
        f'    <div class="post-item"><span class="who">reader{i}</span> <span class="when">2 days ago</span><p>{c}</p>'
        f'<a href="#" class="answer">Reply</a></div>' for i, c in enumerate(comments))
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Aden clears container backlog but trade stays thin | Ships &amp; Shores</title>
<script type="application/ld+json">
{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Aden clears container backlog but trade stays thin",
 "datePublished":"2024-03-08T07:45:00Z","author":{{"@type":"Person","name":"Layla Aziz"}},
 "publisher":{{"@type":"Organization","name":"Ships & Shores"}}}}
</script>
</head><body>
<div id="top-bar"><a href="/">Ships &amp; Shores</a> <a href="/subscribe">Subscribe for full access</a> <a href="/signin">Sign in</a></div>
<div id="main">
  <div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/me">Middle East</a></div>
  <h1>Aden clears container backlog but trade stays thin</h1>
  <div class="author-line">Layla Aziz &middot; 8 March 2024</div>
  <div class="story-body">
{paras}
  </div>
  <div class="related-block"><h3>Most viewed this week</h3>
    <ul>
{rel1}
    </ul></div>
  <div class="related-block"><h3>More from Middle East</h3>
    <ul>
{rel2}
    </ul></div>
  <div id="responses"><h3>Reader responses (5)</h3>
{com}
    <div class="respond-form"><a href="/signin">Sign in to respond</a> <button>Post a response</button></div>
  </div>
</div>
</body></html>
"""
    meta = {"title": "Aden clears container backlog but trade stays thin", "date": "2024-03-08",
            "author": "Layla Aziz", "site": "Ships & Shores"}
    return {"name": "div#main+comments (generated)", "html": html, "story": story, "boiler": boiler, "meta": meta}


def long_footer_page() -> dict:
    story = [
        "Denmark will extend its contribution to the European naval mission in the Red Sea until the end of the year, the government said, replacing a frigate that returned home early with a newer vessel.",
        "The decision followed weeks of debate in parliament over the cost of the deployment and the risks to sailors after an air defence fault left one ship briefly unable to defend itself.",
        "Søren Lykke, the minister for maritime trade, said the country had a direct interest in the route because Danish companies, Maersk above all, carry a large share of the trade between Asia and Europe.",
        "Opposition lawmakers said they supported the mission but wanted clearer rules on when Danish ships may open fire, and asked for a review of the frigate fault before the new vessel sails.",
        "The Houthis have said they will continue to target vessels they consider linked to their enemies. Egypt, which has seen canal traffic collapse, welcomed the Danish decision.",
    ]
    sections = ["News", "Politics", "Business", "Markets", "Shipping", "Energy", "Climate", "Science", "Tech",
                "Culture", "Books", "Film", "Music", "Sport", "Football", "Sailing", "Travel", "Food", "Property",
                "Jobs", "Obituaries", "Letters", "Podcasts", "Video", "Photography", "Puzzles", "Crossword",
                "Weather", "Corrections", "Archive"]
    corp = ["About the Quayside Gazette", "Work for us", "Advertise", "Syndication", "Terms and conditions",
            "Privacy notice", "Cookie settings", "Accessibility", "Complaints and corrections", "Contact us",
            "Help centre", "Newsletters", "Apps", "E-paper", "Gift subscriptions", "Student offers",
            "Events", "Masterclasses", "Shop", "Sitemap"]
    boiler = ["Crossword", "Obituaries", "About the Quayside Gazette", "Work for us", "Cookie settings",
              "Complaints and corrections", "Gift subscriptions", "Masterclasses", "Sitemap",
              "The Quayside Gazette has reported on the harbours of northern Europe since 1871",
              "Registered in Denmark", "Quayside Gazette A/S",
              "The frigate Peter Willemoes leaving Korsør. Photo: Quayside Gazette"]
    paras = '<div class="bodytext">' + "<br><br>\n".join(story) + "</div>"
    foot1 = " ".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in sections)
    foot2 = " ".join(f'<li><a href="/c/{i}">{s}</a></li>' for i, s in enumerate(corp))
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Denmark extends Red Sea naval mission to year-end</title>
<meta name="twitter:site" content="@quaysidegazette">
<meta name="dc.creator" content="Mikkel Strand">
<meta property="og:site_name" content="The Quayside Gazette">
</head><body>
<header><div class="logo">The Quayside Gazette</div></header>
<section class="page">
  <h1 itemprop="headline">Denmark extends Red Sea naval mission to year-end</h1>
  <p class="dateline"><span itemprop="author">Mikkel Strand</span>, <time itemprop="datePublished" datetime="2024-03-09">Saturday 9 March 2024</time></p>
  <figure><img src="/img/frigate.jpg" alt=""><figcaption>The frigate Peter Willemoes leaving Korsør. Photo: Quayside Gazette</figcaption></figure>
{paras}
</section>
<div class="ftr">
  <ul class="sections">{foot1}</ul>
  <ul class="corporate">{foot2}</ul>
  <p>The Quayside Gazette has reported on the harbours of northern Europe since 1871. Our journalism is
  funded by readers and by advertising, and we never let advertisers shape what we report.</p>
  <p>Quayside Gazette A/S. Registered in Denmark, CVR 00000000. All rights reserved.</p>
</div>
</body></html>
"""
    meta = {"title": "Denmark extends Red Sea naval mission to year-end", "date": "2024-03-09",
            "author": "Mikkel Strand", "site": "The Quayside Gazette"}
    return {"name": "long footer (generated)", "html": html, "story": story, "boiler": boiler, "meta": meta}


def fixture_pages(lxml_html) -> list[dict]:
    pages = []
    p = FIXTURES / "saved_page.html"
    doc = lxml_html.fromstring(p.read_bytes())
    story = [norm(e.text_content()) for e in doc.xpath("//article/p[not(@class)]")]
    pages.append({
        "name": "saved_page.html", "html": p.read_text(encoding="utf-8"), "story": story,
        "boiler": ["World news", "Ports and logistics", "Subscribe today", "We use cookies", "Accept all",
                   "Manage preferences", "Independent reporting from the world's waterways", "Related stories",
                   "Houthi drone strike hits bulk carrier", "Djibouti feeder lines fill the gap",
                   "Freight index hits a two-year high", "Morning Manifest", "Sign up for our daily newsletter",
                   "About us", "Contact the newsroom", "Privacy policy", "The Harbour Post Media Ltd"],
        "meta": {"title": "Egypt offers Suez discounts to lure back carriers", "date": "2024-03-04",
                 "author": "Nadia Farouk", "site": "The Harbour Post"},
    })
    p = FIXTURES / "saved_page_nometa.htm"
    doc = lxml_html.fromstring(p.read_bytes())
    story = [norm(e.text_content()) for e in doc.xpath("//div[@class='text']/p")]
    pages.append({
        "name": "saved_page_nometa.htm", "html": p.read_text(encoding="utf-8"), "story": story,
        "boiler": ["Front page", "Conferences", "Log in", "stores cookies on your device", "Got it",
                   "Most popular", "Bunker prices climb in Fujairah", "New crane order for Dammam terminal",
                   "Gulf Ports Expo", "Advertise with us", "Copyright 2024 Gulf Maritime Review"],
        "meta": {"title": "Red Sea crisis leaves Jeddah feeder lines stretched", "date": "2024-03-04",
                 "author": None, "site": "Gulf Maritime Review"},
    })
    return pages


def run_trafilatura(trafilatura, html: str, precision: bool = False) -> dict:
    d = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                    favor_precision=precision)
    if d is None:
        return {"text": "", "raw": "", "title": None, "date": None, "author": None, "site": None}
    d = d.as_dict() if hasattr(d, "as_dict") else d
    text = d.get("text") or ""
    return {"text": text, "raw": text, "title": d.get("title"), "date": d.get("date"),
            "author": d.get("author"), "site": d.get("sitename")}


def run_readability(readability, lxml_html, html: str) -> dict:
    doc = readability.Document(html)
    summary = doc.summary(html_partial=True)
    tree = lxml_html.fromstring(summary)
    # one line per block, as a reader would take it
    blocks = [norm(e.text_content()) for e in tree.iter("p", "li", "h1", "h2", "h3", "div", "td")
              if e.text_content().strip() and not e.xpath(".//p|.//li|.//div|.//td")]
    text = "\n".join(blocks) or norm(tree.text_content())
    return {"text": text, "raw": summary, "title": doc.short_title() or doc.title(), "date": None,
            "author": None, "site": None}


def meta_score(got: dict, want: dict) -> tuple[str, int, int]:
    marks = []
    right = total = 0
    for key in ("title", "date", "author", "site"):
        w, g = want.get(key), got.get(key)
        if w is None:
            marks.append(f"{key[0]}:n/a" if not g else f"{key[0]}:?{g!r}")
            continue
        total += 1
        if not g:
            marks.append(f"{key[0]}:-")
            continue
        g, wn = norm(str(g)).lower(), norm(w).lower()
        ok = g.startswith(wn) if key == "date" else (g == wn if key == "title" else wn in g)
        right += ok
        marks.append(f"{key[0]}:{'ok' if ok else 'WRONG'}")
    return " ".join(marks), right, total


def bench_extraction() -> None:
    print("\n== 1. HTML extraction ==")
    try:
        import lxml.html as lxml_html
    except ImportError:
        print("[skip] lxml is not importable: extraction section skipped")
        return
    trafilatura = have("trafilatura")
    readability = have("readability")
    libs = []
    if trafilatura:
        libs.append(("trafilatura", lambda h: run_trafilatura(trafilatura, h)))
        libs.append(("trafilatura precision", lambda h: run_trafilatura(trafilatura, h, precision=True)))
    if readability:
        libs.append(("readability-lxml", lambda h: run_readability(readability, lxml_html, h)))
    if not libs:
        print("[skip] neither trafilatura nor readability-lxml is importable")
        return
    pages = fixture_pages(lxml_html) + [blog_page(), main_div_page(), long_footer_page()]
    # warm-up, on a page not measured
    for _, fn in libs:
        fn("<html><body><article><p>" + "Warm up sentence number one. " * 20 + "</p></article></body></html>")
    rows = []
    totals: dict[str, list] = {}
    for page in pages:
        for lib, fn in libs:
            out, secs = timed(lambda: fn(page["html"]))
            out_sh = shingles(words(out["text"]))
            found = sum(para_found(p, out_sh) for p in page["story"])
            text_n = norm(out["text"])
            leaked = [b for b in page["boiler"] if norm(b) in text_n]
            hostile_text = sum(h.lower() in out["text"].lower() for h in HOSTILE)
            hostile_raw = sum(h.lower() in out["raw"].lower() for h in HOSTILE)
            marks, right, total = meta_score(out, page["meta"])
            rows.append((page["name"], lib, f"{found}/{len(page['story'])}",
                         f"{len(leaked)}/{len(page['boiler'])}", f"{hostile_text} ({hostile_raw})",
                         f"{right}/{total}", marks, f"{secs * 1000:.1f}"))
            t = totals.setdefault(lib, [0, 0, 0, 0, 0, 0, []])
            t[0] += found; t[1] += len(page["story"]); t[2] += len(leaked); t[3] += len(page["boiler"])
            t[4] += right; t[5] += total; t[6].append(secs)
            if leaked:
                rows.append("  leaked: " + "; ".join(repr(x) for x in leaked))
    head = ("page", "library", "recall", "boiler", "hostile", "meta", "title/date/author/site", "ms")
    table(head, rows)
    print()
    table(("library", "story recall", "boilerplate leaked", "metadata right", "median ms/page"),
          [(lib, f"{t[0]}/{t[1]} = {t[0] / t[1]:.0%}", f"{t[2]}/{t[3]}", f"{t[4]}/{t[5]}",
            f"{statistics.median(t[6]) * 1000:.1f}") for lib, t in totals.items()])
    print("(recall: paragraphs with >= 90% of their word 5-grams in the output; hostile: markers in "
          "the output text (in the raw output); readability-lxml gives a title only, no date/author/site)")


def table(head, rows) -> None:
    """Markdown-ish table; a row that is a plain string is printed as a note line under the last row."""
    cells = [tuple(str(c) for c in r) for r in rows if not isinstance(r, str)]
    widths = [max([len(head[i])] + [len(r[i]) for r in cells]) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("|   " + r.strip() if isinstance(r, str) else line(tuple(str(c) for c in r)))


# --------------------------------------------------------------------------------------------------
# 2. dateparser
# --------------------------------------------------------------------------------------------------

UTC = timezone.utc
BASE = datetime(2024, 3, 15, 12, 0)  # the "given year" for year-less datelines (e.g. the message date)


def u(*a):
    return datetime(*a, tzinfo=UTC)


DATES = [
    # (string as the reader would hand it over, language, expected: aware = instant in UTC, naive = wall clock)
    ("March 3, 2024 6:12 PM GMT+1", "en", u(2024, 3, 3, 17, 12)),
    ("10:42 AM EST, February 19, 2024", "en", u(2024, 2, 19, 15, 42)),
    ("14:05 CET, 3 March 2024", "en", u(2024, 3, 3, 13, 5)),
    ("2024-03-07 10:15:22.418 GMT", "en", u(2024, 3, 7, 10, 15, 22, 418000)),
    ("Wed, 06 Mar 2024 06:30:12 +0000", "en", u(2024, 3, 6, 6, 30, 12)),
    ("Mon, Mar 4, 2024 at 7:02 AM", "en", datetime(2024, 3, 4, 7, 2)),
    ("2024-03-04T09:30:00+01:00", "en", u(2024, 3, 4, 8, 30)),
    ("Sunday, March 3, 2024 6:12 p.m. ET", "en", u(2024, 3, 3, 23, 12)),
    ("4 March 2024", "en", datetime(2024, 3, 4)),
    ("March 2", "en", datetime(2024, 3, 2)),
    ("11 mars 2024", "fr", datetime(2024, 3, 11)),
    ("lundi 11 mars 2024 à 14h32", "fr", datetime(2024, 3, 11, 14, 32)),
    ("11/03/2024 14:32", "fr", datetime(2024, 3, 11, 14, 32)),
    ("11 mars", "fr", datetime(2024, 3, 11)),
    ("3. März 2024, 14:05 Uhr", "de", datetime(2024, 3, 3, 14, 5)),
    ("Dienstag, 5. März 2024, 09:00 Uhr MEZ", "de", u(2024, 3, 5, 8, 0)),
    ("3. März", "de", datetime(2024, 3, 3)),
    ("5 de marzo de 2024", "es", datetime(2024, 3, 5)),
    ("5 de marzo de 2024, 10:30 CET", "es", u(2024, 3, 5, 9, 30)),
    ("12 de febrero", "es", datetime(2024, 2, 12)),
]


def date_ok(got, want) -> tuple[bool, str]:
    if got is None:
        return False, "None"
    if want.tzinfo is not None:
        if got.tzinfo is None:
            return False, f"{got:%Y-%m-%d %H:%M} (no zone)"
        g = got.astimezone(UTC)
        return g == want, f"{g:%Y-%m-%d %H:%M:%S} UTC"
    g = got.replace(tzinfo=None)
    return g.replace(microsecond=0) == want, f"{g:%Y-%m-%d %H:%M}" + (" (aware)" if got.tzinfo else "")


def bench_dateparser() -> None:
    print("\n== 2. dateparser ==")
    dateparser = have("dateparser")
    if not dateparser:
        return
    print(f"dateparser {getattr(dateparser, '__version__', '?')}; year-less strings get their year from "
          f"RELATIVE_BASE={BASE:%Y-%m-%d}")
    settings = {"RELATIVE_BASE": BASE, "PREFER_DATES_FROM": "past"}
    t = time.perf_counter()
    dateparser.parse("1 January 2020", settings=settings)
    first = time.perf_counter() - t
    rows = []
    score = {"hint": 0, "auto": 0}
    times = {"hint": [], "auto": []}
    for s, lang, want in DATES:
        cells = []
        for mode in ("hint", "auto"):
            kw = {"languages": [lang]} if mode == "hint" else {}
            got, secs = timed(lambda: dateparser.parse(s, settings=settings, **kw), runs=3)
            ok, shown = date_ok(got, want)
            score[mode] += ok
            times[mode].append(secs)
            cells += [("ok  " if ok else "FAIL") + " " + shown, f"{secs * 1000:.1f}"]
        exp = f"{want:%Y-%m-%d %H:%M}" + (" UTC" if want.tzinfo else "")
        rows.append((s, lang, exp, *cells))
    table(("string", "lang", "expected", "with languages=[lang]", "ms", "auto-detect", "ms"), rows)
    n = len(DATES)
    print(f"correct: with hint {score['hint']}/{n}, auto {score['auto']}/{n}; median ms/string: hint "
          f"{statistics.median(times['hint']) * 1000:.1f}, auto {statistics.median(times['auto']) * 1000:.1f}; "
          f"first call (loads data) {first * 1000:.0f} ms")
    # the year-less trap without a base: dateparser fills in today's year
    got = dateparser.parse("March 2", languages=["en"])
    print(f"note: 'March 2' WITHOUT RELATIVE_BASE -> {got:%Y-%m-%d} (today's year: the reader must supply one)")
    got = dateparser.parse("Published 10:42 AM EST, February 19, 2024", languages=["en"])
    print(f"note: with its label, 'Published 10:42 AM EST, February 19, 2024' -> {got}")


# --------------------------------------------------------------------------------------------------
# 3. Language identification
# --------------------------------------------------------------------------------------------------

PARAS = {
    "en": [
        "Maersk said on Sunday it would keep sailing around Africa.",
        "The Houthis have fired drones at ships near the Bab el-Mandeb strait for three months.",
        "Egypt's canal revenue fell by half. Officials in Cairo called for help.",
        "Denmark will decide within two weeks whether to send a second frigate.",
        "Insurers raised war-risk premiums again. Brokers expect further increases.",
        "Søren Lykke told reporters in Copenhagen that crews come first.",
        "“Shareholders can wait,” Lykke said.",
        "Port workers in Aden cleared a backlog of containers. Volumes remain low. Traders blame insurance costs.",
        "The frigate returned to Korsør for repairs after a radar fault.",
        "Lykke met Dalgaard and Mansour in Copenhagen on Monday.",
    ],
    "fr": [
        "Maersk a indiqué dimanche que ses navires continueraient de contourner l'Afrique.",
        "Les Houthis visent des navires marchands près du détroit de Bab el-Mandeb.",
        "Les recettes du canal de Suez ont chuté de moitié, selon le ministre.",
        "Le Danemark décidera d'ici deux semaines de l'envoi d'une seconde frégate.",
        "Les assureurs ont de nouveau relevé leurs primes. Les courtiers s'attendent à d'autres hausses.",
        "Søren Lykke a déclaré à Copenhague que la sécurité des équipages primait.",
        "« Les actionnaires peuvent attendre », a dit M. Lykke.",
        "Les dockers d'Aden ont écoulé une partie des conteneurs en souffrance. Les volumes restent faibles.",
        "La frégate est rentrée à Korsør pour des réparations.",
        "Maersk et Hapag-Lloyd évitent toujours Suez.",
    ],
    "de": [
        "Maersk will seine Schiffe weiterhin um Afrika herum fahren lassen.",
        "Die Huthi greifen seit drei Monaten Handelsschiffe im Roten Meer an.",
        "Ägyptens Einnahmen aus dem Suezkanal haben sich halbiert, sagte der Minister.",
        "Dänemark will binnen zwei Wochen über eine zweite Fregatte entscheiden.",
        "Die Versicherer erhöhten erneut ihre Prämien. Makler rechnen mit weiteren Aufschlägen.",
        "Søren Lykke sagte in Kopenhagen, die Sicherheit der Besatzungen gehe vor.",
        "„Die Aktionäre können warten“, sagte Lykke.",
        "Hafenarbeiter in Aden bauten einen Containerstau ab. Die Mengen bleiben gering.",
        "Die Fregatte kehrte für Reparaturen nach Korsør zurück.",
        "Maersk und Hapag-Lloyd meiden weiter Suez.",
    ],
}


def bench_langid() -> None:
    print("\n== 3. Language identification (30 paragraphs: 10 en, 10 fr, 10 de) ==")
    samples = [(lang, p) for lang, ps in PARAS.items() for p in ps]
    detectors = []
    py3langid = have("py3langid")
    if py3langid:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
        t = time.perf_counter()
        py3langid.classify("warm up")
        load_all = time.perf_counter() - t
        detectors.append(("py3langid (all 97 langs)", load_all, lambda s: py3langid.classify(s)[0]))
        t = time.perf_counter()
        load = getattr(LanguageIdentifier, "from_model_file", None) or LanguageIdentifier.from_pickled_model
        ident = load(MODEL_FILE, norm_probs=True)
        ident.set_languages(["en", "fr", "de"])
        load_3 = time.perf_counter() - t
        detectors.append(("py3langid (en/fr/de only)", load_3, lambda s: ident.classify(s)[0]))
    lingua = have("lingua")
    if lingua:
        from lingua import Language, LanguageDetectorBuilder
        # models load lazily and are shared between detectors: time the 3-language one first
        t = time.perf_counter()
        det_3 = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.FRENCH, Language.GERMAN).build()
        det_3.detect_language_of("warm up sentence")
        load_3 = time.perf_counter() - t
        t = time.perf_counter()
        det_all = LanguageDetectorBuilder.from_all_languages().build()
        det_all.detect_language_of("warm up sentence")
        load_all = time.perf_counter() - t

        def code(d):
            return lambda s: (lambda r: r.iso_code_639_1.name.lower() if r else None)(d.detect_language_of(s))
        detectors.append(("lingua (all 75 langs)", load_all, code(det_all)))
        detectors.append(("lingua (en/fr/de only)", load_3, code(det_3)))
    if not detectors:
        return
    rows = []
    for name, load, fn in detectors:
        right, misses, times = 0, [], []
        for lang, p in samples:
            got, secs = timed(lambda: fn(p), runs=3)
            times.append(secs)
            if got == lang:
                right += 1
            else:
                misses.append(f"{lang}->{got}: {p[:50]!r}")
        rows.append((name, f"{right}/{len(samples)} = {right / len(samples):.0%}",
                     f"{statistics.median(times) * 1000:.2f}", f"{load * 1000:.0f}"))
        rows += ["  miss " + m for m in misses]
    table(("detector", "accuracy", "median ms/para", "load+first ms"), rows)


if __name__ == "__main__":
    print(f"python {sys.version.split()[0]} at {sys.executable}")
    bench_extraction()
    bench_dateparser()
    bench_langid()
