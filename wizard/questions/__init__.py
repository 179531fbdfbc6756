"""Ask your consultant: an editor's question about one step of a policy, which waits in the
consultant's portfolio until they answer it as a comment on that step."""
