"""Summit Reader's builder: SCO summit texts → annotated pages (pinyin, glossary terms) → static site.

Data flows one way (docs/content-format.md, shared GUIDE):
content/ → ``content``/``glossary``/``lexicon`` (load + validate) → ``parse`` (markdown-it-py)
→ ``pipeline`` (rules: terms, segment, read, gloss) → ``pages``/``render`` (Jinja2) → ``site`` (MkDocs).
"""
