"""Fixed words of the printed pieces (not data), per language; English is the fallback.

A new language adds one mapping here; everything else in print comes from data or docs/.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "contents": "Contents",
        "part": "Part",
        "page": "Page",
        "page_short": "page",
        "members_only": "For coalition members only",
        "members_only_note": "This notebook holds private contact details and notes. Please do not copy, "
                             "share or leave it where others can read it.",
        "printed": "Printed",
        "scan_site": "Scan for the website",
        "in_danger": "Someone in danger now?",
        "call": "Call",
        "never": "Do not confront anyone or let them know you are calling.",
        "local_police": "Local police (non-emergency):",
        "signs_title": "Signs someone may need help",
        "scan_help": "Scan for help and more signs",
        "wallet_fronts": "Wallet cards, sheet 1: fronts",
        "wallet_backs": "Wallet cards, sheet 2: backs",
        "cut_note": "Cut along the marks. Print the second sheet on the back of the first (flip on the long edge).",
        "confidential": "Confidential",
        "poster_headline": "Worried about someone? You can help.",
        "call_the": "Call the",
        "danger_now": "Someone in danger right now?",
        "handout_lead": "what human trafficking can look like in your job, and what to do about it.",
        "handout_help": "Who to call",
        "handout_signs": "Signs to notice in your job",
        "handout_respond": "What to do",
        "handout_details": "Details to write down",
        "handout_more": "More signs, help and free training on our website",
        "handout_numbers": "Our numbers at this hotel",
        "handout_numbers_note": "Filled in by your manager. Keep this sheet where you can find it.",
        "manager_on_duty": "Manager on duty:",
        "security": "Security:",
        "front_desk": "Front desk:",
        "card_signs": "Signs to notice",
        "safety_title": "Pocket cards",
        "safety_fronts": "Pocket cards, sheet 1: fronts",
        "safety_backs": "Pocket cards, sheet 2: backs",
        "safety_cut_note": "Cut along the marks. Print the second sheet on the back of the first (flip on the "
                           "long edge). The cards do not say what they are for, so they can be kept out of sight.",
        "safety_danger": "In danger now?",
        "role_signs": "Signs someone may need help",
    },
}


class Labels:
    """``L.contents`` in templates: the label in the build's language, else English."""

    def __init__(self, lang: str) -> None:
        self._lang = lang

    def __getattr__(self, key: str) -> str:
        table = LABELS.get(self._lang, {})
        if key in table:
            return table[key]
        return LABELS["en"][key]
