-- What a centre's estimates have learnt (issue 15): service-time means and variances, the last arrivals per service,
-- the share of priority arrivals and the last delays, as LearntEstimatesJson writes them. Written by the commit that
-- changes it, in the same statement as the version check; read back at start and on a reload, so neither starts the
-- estimates again from the configured priors. NULL: nothing learnt yet.
ALTER TABLE centres ADD COLUMN estimates jsonb;
