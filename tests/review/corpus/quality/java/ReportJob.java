package com.example.jobs;

import java.util.List;
import java.util.logging.Logger;

public class ReportJob {
    private static final Logger LOG = Logger.getLogger(ReportJob.class.getName());
    private final ReportStore store;

    public ReportJob(ReportStore store) {
        this.store = store;
    }

    public int run(List<Report> reports) {
        int written = 0;
        for (Report report : reports) {
            if (report.isEmpty())
                LOG.fine("skipping empty report " + report.getId());
                continue; // wfc-expect: correctness medium
            store.save(report);
            written++;
        }
        return written;
    }
}
