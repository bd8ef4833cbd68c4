"""Content loading: ``content/`` → validated ``Summit``, ``Glossary``, reading lexicon and translations.

Every module here reads files a person wrote and turns mistakes into ``ContentError`` naming the file
and line: ``schema`` (declared YAML schemas), ``parse`` (Markdown bodies, markdown-it-py),
``summits`` (summit pages), ``glossary``, ``lexicon`` (``readings.tsv``), ``translations``.
"""
