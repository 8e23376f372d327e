# Solves per second from R (tools/r): Rscript bindings.R MODEL POINTS LOOP REPS
# prints, per repetition, "sweep SECONDS" (eq_sweep over timing x
# block_value, POINTS points) and "loop SECONDS" (LOOP calls of eq_solve,
# block_value stepping over its domain), excluding R's start-up.
a <- commandArgs(trailingOnly = TRUE)
path <- a[1]; points <- as.integer(a[2]); loop <- as.integer(a[3]); reps <- as.integer(a[4])
suppressPackageStartupMessages(library(equilib))
m <- eq_model(path)
spec <- c("timing", sprintf("block_value=0:30:%d", points %/% 2))
for (r in seq_len(reps)) {
  t <- system.time(s <- eq_sweep(m, spec))[["elapsed"]]
  stopifnot(nrow(s) == 2 * (points %/% 2))
  cat("sweep", t, "\n")
  t <- system.time(for (i in seq_len(loop)) eq_solve(m, list(block_value = 30 * i / loop)))
  cat("loop", t[["elapsed"]], "\n")
}
