package io.ccpulse.domain.kpi;

import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.settings.QueueSettings;

/** Additive sums over survey answers, shared by {@link QueueTally} and {@link AgentTally}. */
final class SurveySums {

    long surveys;
    long csatResponses;
    long csatPositive;
    long csatSum;
    long npsResponses;
    long promoters;
    long detractors;

    void add(SurveyFact f, QueueSettings s) {
        surveys++;
        if (f.csat() != null) {
            csatResponses++;
            csatSum += f.csat();
            if (f.csat() >= s.csatPositiveMin()) {
                csatPositive++;
            }
        }
        if (f.nps() != null) {
            npsResponses++;
            if (f.nps() >= 9) {
                promoters++;
            } else if (f.nps() <= 6) {
                detractors++;
            }
        }
    }

    void merge(SurveySums o) {
        surveys += o.surveys;
        csatResponses += o.csatResponses;
        csatPositive += o.csatPositive;
        csatSum += o.csatSum;
        npsResponses += o.npsResponses;
        promoters += o.promoters;
        detractors += o.detractors;
    }

    SurveySums copy() {
        SurveySums c = new SurveySums();
        c.merge(this);
        return c;
    }
}
