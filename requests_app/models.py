"""Information requests (依申请公开)."""
