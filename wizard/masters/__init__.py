"""Master policies: a consultant's policy that many clients' policies derive from, with parts
locked for every client and updates proposed to each of them, merged into their own edits."""
