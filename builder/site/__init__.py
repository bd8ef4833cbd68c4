"""Site output: annotated content → HTML pages, assets and the MkDocs theme stage → ``site/``.

``build`` runs the whole build (all or nothing), ``pages`` and ``render`` turn summits and the glossary
into pages (Jinja2, ``templates/``), ``concordance`` finds term occurrences, ``words`` writes the popup
data, ``cache`` keeps annotations between builds, ``mkdocs_plugin`` is the theme stage's plug-in.
"""
