"""Resolve across documents: one event per real-world happening, one actor per real-world party.

``coref`` clusters event mentions (dateline's stored reports, or a benchmark's gold mentions)
into events; ``merge`` applies it to the store; ``actors`` gives parties canonical names.
"""
