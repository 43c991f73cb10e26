"""A library's health: telling damage from bugs, checking every part, repairing.

damage (the guard around reads) · check (`newsreader check`) · repair
(`newsreader repair`) · segments (reading a damaged index piece by piece).
"""
