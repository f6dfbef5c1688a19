"""Build the briefing with Zensical instead of MkDocs: `briefing build --with zensical`.

Zensical (Material's successor) reads mkdocs.yml and Material's settings but runs no third-party
plugin, so what the `briefing` plugin does under MkDocs is done around it here, one job per module:

- `links.py`: graph links as Zensical resolves them (raw-HTML hrefs from the .md file's folder).
- `titles.py`: each page's title pinned in its front matter, so `<title>` keeps escaped text text.
- `tree.py`: the generated pages in Zensical's flavour and the hand-written
  docs/ files: the whole folder Zensical builds from (written in place: `zensical serve` sees edits).
- `config.py`: the mkdocs.yml Zensical reads: the project's own (INHERIT), its search off (Pagefind
  instead), the Markdown extensions and assets the pages need, the section nav.
- `site.py`: the built site finished: the feed `<link>` in every page head, the Pagefind markup and
  search box, then Pagefind's index.
- `build.py`: the command: generate, run Zensical, finish the site.

The MkDocs build never goes through here: its pages and site are unchanged byte for byte.
"""
