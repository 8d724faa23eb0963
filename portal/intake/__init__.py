"""The citizen-intake kit: what every public form that takes something from citizens uses.

throttle (per-client hourly limits), honeypot (a form mixin), masking (personal data outside the handler's
page), codes (tracking numbers, query codes), duplicates (the same submission twice becomes one).
"""
