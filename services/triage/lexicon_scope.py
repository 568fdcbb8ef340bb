"""Phrases whose danger words are not evidence: what a person in crisis believes, what a
caller said and then corrected, figures of speech. Both canonical texts rewrite them
(the safety layer's abbreviations here, the policy file's ``text.abbreviations`` with
the same patterns) before any rule reads the text."""

from __future__ import annotations

# Who believes it, in the words a caller relays: "keeps saying", "insists", "is convinced".
BELIEF = (r"\b(?:(?:keeps|kept|keep) (?:on )?(?:saying|telling (?:\w+ )?|insisting|yelling|"
          r"accusing (?:\w+ )?(?:of )?)|insists?|insisting|(?:is |s )?convinced|believes|"
          r"thinks)")
# One character inside a quotation: anything but the quote that closes it (an apostrophe
# inside a word, as in "they're", does not close it).
_IN_QUOTE = r"""(?:(?!['"](?!\w)).)"""


def quoted(words: str) -> str:
    """A quotation (single or double quotes) holding one of ``words``."""
    return (r"""(?<!\w)['"]""" + _IN_QUOTE + r"{0,160}?\b(?:" + words + r")\b" + _IN_QUOTE
            + r"""{0,160}?['"](?!\w)""")


_THEFT_WORDS = r"stole|robbed|stolen|stealing|steal|steals|took|taken|robbing"
_THIEF = (r"(?:somebody|someone|people|the neighbors?|neighbors?|they|the staff|staff|"
          r"the aides?|everyone|the \w+|her \w+|his \w+)")
_THEFT_VERB = (r"(?:stole|robbed|took|(?:is|are|has been|have been|keeps|keep) (?:stealing|"
               r"taking|robbing)|steals?|stealing)")

# "keeps saying 'somebody stole my purse'" (the purse is in the freezer)
BELIEVED_THEFT = (BELIEF + r"\s*(?:that\s+)?" + quoted(_THEFT_WORDS) + "|" + BELIEF
                  + r"(?: that)? " + _THIEF + " " + _THEFT_VERB + r"\b")
# "keeps saying 'the house is on fire'", and the caller found no fire
BELIEVED_FIRE = (BELIEF + r"\s*(?:that\s+)?" + quoted("fire|smoke|burning|flames")
                 + r"(?=.{0,240}\bno (?:smoke|fire|flames)\b)")
# "keeps saying 'they're gonna kill us'" about the news, and nobody threatened anyone
BELIEVED_THREAT = (BELIEF + r"\s*(?:that\s+)?" + quoted("kill|hurt|shoot|stab|get")
                   + r"(?=.{0,240}\b(?:nobody|no one) (?:has |is |was |had )?(?:actually |"
                   r"really |ever )?(?:threaten\w*|said|made|after))")
# "'theres blood all over my car' then clarified it's red paint"
CORRECTED_QUOTE = (quoted(r"\w+") + r"\s*[.,;:-]*\s*(?:then |but |rp |caller |later |she |he |"
                   r"when )?(?:clarified|corrected|turns out|turned out)\b")
# "shot up with paintballs"
SPLATTERED = (r"""\bshot(?: up)?['"]?\s+with (paintballs?|paint balls?|eggs|water balloons|"""
              r"silly string|airsoft \w+|nerf darts|bb s|pellets)")
# "just now saw the charges": the discovery is recent, not the crime
FOUND_ONLY_NOW = r"\bjust now (saw|noticed|found|discovered|realized|checked|seen|got)\b"

# (pattern, replacement, why) in the order both texts apply them
SCOPE_REWRITES: tuple[tuple[str, str, str], ...] = (
    (BELIEVED_THEFT, "has false beliefs",
     "a confused person's belief that things are being stolen is a symptom, not a theft"),
    (CORRECTED_QUOTE, "clarified", "a quote the caller then corrected is not what happened"),
    (BELIEVED_FIRE, "has false beliefs",
     "a fire the person in crisis insists on, that the caller found none of"),
    (BELIEVED_THREAT, "has false beliefs",
     "a threat the person in crisis hears in the news, that nobody made"),
    (SPLATTERED, r"splattered with \1", "shot up with paintballs or eggs: splattered, not shot"),
    (FOUND_ONLY_NOW, r"\1 later", "found out only now: the discovery is recent, not the crime"),
)
