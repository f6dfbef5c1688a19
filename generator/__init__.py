"""briefing: turn seed articles and curated YAML profiles into a MkDocs Material briefing site.

Architecture (see README "How the code is laid out"). The pure core, no I/O outside load/:

    model.py, problems.py   the typed corpus, and located problems
    load/     read seeds/ into typed objects that remember their file:line  (I/O lives here only)
    core/     pure functions over the corpus: validation, mentions, sentences, quotes, stances
    render/   the one escaping function, the Jinja environment, page templates, the site's CSS and JS
    pages/    one module per page type: corpus -> {"path.md": "markdown"}

Around it, what runs it:

    session/  a build session: analyse once, stream the pages in groups, one per process
              (processes.py), keep what an edit did not change, preview a corpus with errors
    search/   Pagefind: the search markup pages carry, indexing a built site, the browser's search UI;
              finish.py, what every built page gets whatever built it
    cli/      the `briefing` command: check, generate --out, init, new, serve; output writing, reports
    mkdocs/   the one boundary to MkDocs (and ProperDocs): the plugin, its config, theme and error
              banner, the runtime; speedups/ beneath it; internals.py alone touches MkDocs' private names
    serve/    `briefing serve`: the live server, its guard, what it keeps between builds and the
              rebuild of an edit, the page worker
    zensical/ `briefing build --with zensical`: what the plugin adds, done around Zensical
    fast.py   every fast path, its switch and its test, in one registry
"""

__version__ = "0.1.0"
