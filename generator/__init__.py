"""briefing: turn seed articles and curated YAML profiles into a MkDocs Material briefing site.

Architecture (see README "How the code is laid out"):

    load/     read seeds/ into typed objects that remember their file:line  (I/O lives here only)
    core/     pure functions over the corpus: validation, mentions, sentences, quotes
    render/   the one escaping function and the Jinja environment for page templates
    pages/    one module per page type: corpus -> {"path.md": "markdown"}
    shells/   the two thin shells: the `briefing` command and the MkDocs plugin
"""

__version__ = "0.1.0"
