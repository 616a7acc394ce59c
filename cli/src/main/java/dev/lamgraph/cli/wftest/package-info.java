/**
 * {@code lam test}: test files for workflows ({@code *.test.yaml}, read strictly by {@link
 * dev.lamgraph.cli.wftest.TestFileReader} against its own JSON Schema and checked against the
 * workflow by {@link dev.lamgraph.cli.wftest.TestChecks}), their cases run in parallel by {@link
 * dev.lamgraph.cli.wftest.TestSuite} on throw-away memory stores with tool and model stubs
 * (given to each run through {@code RunOptions.withStubs}), the expectations, the path match modes
 * ({@link dev.lamgraph.cli.wftest.PathMatch}) and the JUnit XML report. It never imports the
 * command package; {@code wfeval} reuses its path matching.
 */
package dev.lamgraph.cli.wftest;
