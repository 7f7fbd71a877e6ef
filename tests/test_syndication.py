"""Near-duplicate texts (syndicated copies) by MinHash of word 5-grams."""

from __future__ import annotations

from dateline.resolve.syndication import BANDS, CONTAINED, JACCARD, Fingerprint, containment, is_copy, shingles

STORY = (
    "EASTPORT (Example Wire) - Norland and Sudmark agreed on Tuesday to reopen the river crossing at "
    "Eastport after three weeks of talks hosted by Westria, officials from both governments said. "
    "The agreement allows lorries carrying grain and fuel to cross between six in the morning and "
    "eight in the evening, and sets up a joint commission that will meet every month to review it. "
    "Traders on both banks had lost most of their income since the crossing closed in the spring, "
    "and prices of flour in the border towns had doubled, according to the regional chambers of commerce. "
    "Tomas Varga, who led the Norland delegation, called the deal a first step and said more work was needed "
    "on the fishing rights that set off the dispute. Sudmark's negotiator did not speak to reporters. "
    "Westria's foreign ministry said it was ready to host a second round in the summer."
)
COPY = (
    "Crossing at Eastport to reopen after Westria-hosted talks\n"
    "By Example Wire\n"
    + STORY.replace("officials from both governments said", "officials of both governments said")
    .replace("Sudmark's negotiator did not speak to reporters. ", "")
)
OTHER = (
    "Sudmark shelled the harbour district of Eastport overnight, killing nine dockworkers, the port "
    "authority said on Wednesday. Norland's defence ministry said it had moved two companies to the "
    "coast and accused Sudmark of breaking the river agreement. Sudmark denied firing on the port "
    "and said its batteries had answered fire from the Norland bank. Residents of Eastport said "
    "the shelling began shortly after midnight and lasted more than an hour."
)


def test_shingles_are_word_five_grams() -> None:
    assert shingles("One two three four five six") == {"one two three four five", "two three four five six"}
    assert shingles("Too short") == {"too short"}
    assert shingles("") == set()


def test_a_syndicated_copy_is_found_and_another_story_is_not() -> None:
    story, copy, other = Fingerprint.of(STORY), Fingerprint.of(COPY), Fingerprint.of(OTHER)
    found, similarity = is_copy(story, copy)
    assert found and similarity >= JACCARD
    assert set(story.bands()) & set(copy.bands())  # LSH makes them candidates
    assert not is_copy(story, other)[0]
    assert len(story.bands()) == BANDS


def test_an_excerpt_counts_as_a_copy_by_containment() -> None:
    excerpt = STORY[: len(STORY) // 2]
    story, part = Fingerprint.of(STORY), Fingerprint.of(excerpt)
    found, similarity = is_copy(story, part)
    assert found
    assert containment(similarity, story.size, part.size) >= CONTAINED


def test_fingerprints_are_stable() -> None:
    assert Fingerprint.of(STORY) == Fingerprint.of(STORY)
