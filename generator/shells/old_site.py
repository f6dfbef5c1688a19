"""The last build's site removed by another process while this build makes its pages.

MkDocs empties the site folder before it builds (`clean_directory`): deleting the thousands of
folders of a large briefing's last build took 0.5 to 4 s at 2,400 articles on the benchmark machine,
with nothing else going on. Here, once the seeds have been read without errors (bad seeds must
leave the last good site in place: plugin.py), the old entries are moved into one hidden folder
inside the site folder, which MkDocs' cleaning skips, and a separate process deletes that folder while
the pages are made and converted. Entries whose name starts with a dot are left alone, as MkDocs
leaves them. The build waits for the deletion before Pagefind walks the site (`wait()`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

TRASH = ".briefing-old-site"  # hidden: MkDocs' clean_directory leaves it alone
_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


class OldSite:
    """Removes a site folder's contents in the background; `wait()` before anything walks the folder."""

    def __init__(self, site_dir: str) -> None:
        self.process: subprocess.Popen | None = None
        trash = os.path.join(site_dir, TRASH)
        try:
            entries = [entry for entry in os.listdir(site_dir) if not entry.startswith(".")]
        except OSError:
            entries = []  # no site yet: nothing to remove
        if not entries and not os.path.isdir(trash):
            return
        try:
            os.makedirs(trash, exist_ok=True)  # may hold what an interrupted build left: removed too
            for entry in entries:
                os.rename(os.path.join(site_dir, entry), os.path.join(trash, entry))
        except OSError:
            pass  # what could not be moved, MkDocs removes itself
        try:
            self.process = subprocess.Popen([sys.executable, "-c", _REMOVE, trash], stdin=subprocess.DEVNULL)
        except OSError:  # no process to be had: removed here, as MkDocs would have
            shutil.rmtree(trash, ignore_errors=True)

    def wait(self) -> None:
        if self.process is not None:
            self.process.wait()
            self.process = None
