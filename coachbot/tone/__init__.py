"""The tone model: the labelled corpus, fine-tuning of the e5 encoder, checkpoints, the TF-IDF baseline."""
