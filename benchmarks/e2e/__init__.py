"""End-to-end benchmark against the broker's own floor (`make bench`).

The targets, on one 2-core machine with everything local, each run by a preset that ends
with a line per target (figure, target, met); latest figures in docs/PERFORMANCE.md:

- ``--preset crews-sqlite-200``: crews reporting, SQLite, 200 calls/s held for 60 s,
  decision p99 (202 → decision) ≤ 100 ms;
- ``--preset crews-postgres-100``: the same on PostgreSQL at 100 calls/s, p99 ≤ 150 ms;
- ``--preset no-crews-100x5``: no crews, five consecutive 30 s runs at 100 calls/s, each
  with its median 202 → decision ≤ 4 x the floor paced at 100/s and its p99 POST sent →
  decision ≤ 50 ms;
- ``--preset no-crews-600``: 600 calls/s held for 60 s, intake's POST p99 ≤ 100 ms;
- ``--preset cpu-400``: ≤ 3.0 ms of CPU per call, every process together, at 400/s.

What it does, in one run:

1. Reuses the broker on RR_KAFKA_BOOTSTRAP (127.0.0.1:19092) or ``--bootstrap``, or starts
   it; creates its own topics under a fresh prefix (and its own group prefix), so nothing
   else is disturbed.
2. Measures the broker's floor (``floor``): a bare produce-then-consume round trip of one
   small record at a time, with the services' own producer and consumer settings, back
   to back (``xfloor`` in the table) and spaced at each step's rate (``xpaced``).
3. Starts the four services as real processes (``stack``), one or two instances of
   triage, assignment and audit (``--instances 1,2`` runs both, one after the other),
   with a roster of ``--roster-copies`` copies of the demo roster. With ``--crew-hold-s
   S`` it plays the crews too (``crews``): S seconds after a unit is sent it reports on
   scene, then available, through assignment's API, so units come free again.
4. Drives open-loop load at each rate (``load``): POST /v1/calls on a fixed schedule,
   never waiting for answers. A bench consumer on calls.assigned notes each call's first
   UnitAssigned or CallQueued ("decided") and when it saw it (``observe``).
5. After each step (``steps``) it reads audit's ``recorded_at`` of the decision for a
   sample of calls, scrapes every service's /metrics for consumer lag, and prints the
   CPU seconds and ms of CPU per call of every service process, the broker's JVM and
   itself, the load generator (benchmarks/process_cpu.py).

Latencies are measured from the moment the 202 arrived ("accepted"), and also from the
moment the POST was sent. A rate counts as sustained when the calls were sent on time,
≥ 99 % were accepted and decided, and the backlog at the end of the step and the consumer
lag are below one second's worth of calls. Writes benchmarks/out/e2e-<timestamp>.json and
.png (``report``). Every wait is bounded.
"""
