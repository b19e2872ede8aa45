"""The tone model: vocabulary from navec, training, checkpoints."""
