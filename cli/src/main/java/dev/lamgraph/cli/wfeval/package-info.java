/**
 * {@code lam eval}: datasets ({@link dev.lamgraph.cli.wfeval.Datasets}: JSON Lines or a Google ADK
 * EvalSet), one run per case ({@link dev.lamgraph.cli.wfeval.EvalRunner}), the scorers ({@link
 * dev.lamgraph.cli.wfeval.Scorers}, with an LLM judge drawn from the workflow's models) and the
 * JSON + HTML report ({@link dev.lamgraph.cli.wfeval.EvalReport}). Uses {@code wftest}'s path
 * matching; never imports the command package.
 */
package dev.lamgraph.cli.wfeval;
