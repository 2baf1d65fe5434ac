package vn.onedesk.engine.estimation;

/**
 * What a centre's estimates have learnt from the day so far (service times, arrival rates, the last delays), as
 * values: persisted with each commit that changes it and given back on restore, so a restart or a reload does not
 * start the estimates again from the configured priors.
 *
 * <p>SKELETON (issue 15): the shape is filled in by the estimator-persistence work.
 */
public record LearntEstimates() {
}
