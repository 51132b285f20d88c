"""The commented starter pack that `mockint packs new` writes: valid, strict-clean, every feature shown."""

from __future__ import annotations

STARTER_PACK = """\
# A mockint question pack (format 1).
#
# Edit this file, then check it with  `mockint packs validate THIS_FILE --strict`
# and install it with                 `mockint packs import THIS_FILE`.
# Lines starting with # are comments. Everything a pack may hold is shown below;
# only `format`, [pack] id/name/version and at least one question are required.

format = 1

[pack]
# The id ties your practice history to this pack: keep it when you publish new versions.
# Lowercase letters, digits and inner hyphens, up to 64 characters.
id = "my-first-pack"
name = "My first pack"
# Raise the version whenever you change the questions, so an import updates the
# installed copy instead of being refused as a conflict.
version = "0.1.0"
description = \"\"\"
What this pack is for and who should practise with it.
Several lines are fine.\"\"\"
author = "Your name"
license = "CC-BY-4.0"
homepage = "https://example.org/my-first-pack"
language = "en"
tags = ["product", "practice"]

# Time limits for every question that does not set its own.
[defaults]
answer_seconds = 120   # 10 to 3600
prep_seconds = 0       # 0 to 600: thinking time before the answer clock starts

# Categories group questions; interviews can draw from one category at a time.
[[categories]]
id = "motivation"
name = "Motivation"
description = "Why this role, why now."

[[categories]]
id = "execution"
name = "Execution"

# Optional: your own rubric replaces the default one for this pack (1 to 8 dimensions).
# The anchors describe a score of 1, 2, 3, 4 and 5, in that order.
[[rubric]]
id = "clarity"
name = "Clarity"
anchors = [
  "Hard to follow; no clear point.",
  "A point emerges, but late.",
  "Clear point with some wandering.",
  "Leads with the point, then supports it.",
  "Crisp, structured and easy to repeat back.",
]

[[rubric]]
id = "evidence"
name = "Evidence"
anchors = [
  "No examples.",
  "A vague example.",
  "One concrete example.",
  "Concrete examples with numbers.",
  "Examples, numbers and what was learned.",
]

# Each question needs an id (unique in this pack) and its text.
[[questions]]
id = "why-this-role"
text = "Why do you want this role, and why now?"
category = "motivation"
tags = ["opener"]
difficulty = "easy"

[[questions]]
id = "shipped-under-pressure"
text = "Walk me through something you shipped under a tight deadline."
category = "execution"
# Follow-ups the interviewer can ask once you have answered (up to 10).
follow_ups = [
  "What did you cut to make the date?",
  "What would you do differently next time?",
]
answer_seconds = 180   # this question allows more time than [defaults]
prep_seconds = 15
tags = ["behavioral", "delivery"]
difficulty = "medium"
# Shown after you answer: what a strong answer would include.
guidance = "A strong answer names the trade-off, who agreed to it, and the result."

[[questions]]
id = "your-highlight"
# {about}, {quantitative} and {qualitative} are filled from your backgrounder.
# A question whose placeholder has nothing to fill is skipped, visibly.
# Write {{ and }} for literal braces.
text = "You mention {quantitative}. How did you measure it?"
category = "execution"
tags = ["behavioral"]
difficulty = "hard"

# Plans are named interview formats built from this pack. Steps run in order;
# each names one question, or a category or tag with how many to draw from it.
[[plans]]
id = "quick-screen"
name = "Quick screen"
description = "An opener, then two behavioral questions."
steps = [
  { question = "why-this-role" },
  { tag = "behavioral", count = 2 },
]

[[plans]]
id = "execution-drill"
name = "Execution drill"
steps = [
  { category = "execution", count = 2 },
]
"""
