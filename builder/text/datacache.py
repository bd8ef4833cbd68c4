"""Where the files derived from the libraries' own data are kept: one folder per user, shared by every project.

What goes here is made from data that ships with the builder and its libraries, never from a site's
content: the parsed CC-CEDICT (``dictionary.load_cedict``), jieba's word file and cache
(``jieba_store``), the words jieba tags as verbs or function words (``function_words.tagged``) and the
characters typical of transliterated names (``resources.Resources.transliteration``). Each file's name
carries a digest or version of what it was made from, so projects, clones and library versions can
share the folder; making them takes a few seconds, once per machine instead of once per project (or
after every ``rm -rf .cache``). A site's own caches (annotations, facts, templates) stay in its
``.cache/``.

The folder is ``$SUMMIT_READER_DATA_CACHE`` when set, else ``$XDG_CACHE_HOME/summit-reader``, else
``~/.cache/summit-reader``; ``.cache`` in the working directory when there is no home folder. Files are
written whole under a temporary name and renamed into place, so builds running side by side never
read a half-written one; an unwritable folder only means the data is made again next time.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path


def data_cache_dir() -> Path:
    """The folder of library-derived data (see the module), absolute; not created here."""
    explicit = os.environ.get("SUMMIT_READER_DATA_CACHE")
    if explicit:
        return Path(explicit).resolve()
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder: the working directory's .cache, as before
            return Path(".cache").resolve()
    return Path(base).resolve() / "summit-reader"


def write_pickle(path: Path, value: object) -> bool:
    """Pickle ``value`` to ``path`` atomically (a temporary file in the same folder, then ``os.replace``),
    creating the folder; → False, leaving nothing behind, when the folder cannot be written."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name.split('-')[0]}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False
