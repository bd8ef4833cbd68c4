"""The front matter and heading of a one-article test summit page (meeting 99), shared by the tests
that write a small page of their own: ``PAGE_HEAD.format(heading=…, seed=…)``, then the paragraphs."""

PAGE_HEAD = """---
ordinal: 99
title: 测试会议
title_en: Test meeting
date: 2030-01-01
place: Nowhere
place_zh: 无处
format: video
chair: Nobody
speech_title: 测试讲话
articles:
  - heading: {heading}
    kind: report
    sources:
      - seed: {seed}
        part: A
---

## {heading}

"""
