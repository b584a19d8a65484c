"""Reads of the network app, by concern, each scoped to the actor's subtree first.

Lists start from ``org.scope.scope_q`` for the actor and permission, then narrow to a
unit's subtree with ``org.scope.subtree_q``; single objects load through an
``access_<thing>(actor, id, perm)`` helper built on ``org.scope.access_object`` (out
of reach answers as missing). Views, API routes, services and sections read here.
"""
