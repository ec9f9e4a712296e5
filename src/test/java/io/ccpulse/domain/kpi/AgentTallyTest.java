package io.ccpulse.domain.kpi;

import static io.ccpulse.domain.kpi.Facts.segment;
import static io.ccpulse.domain.kpi.Facts.survey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.settings.QueueSettings;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AgentTallyTest {

    private static final QueueSettings S = QueueSettings.DEFAULTS;

    @Test
    @DisplayName("state time adds up per state; away time also per reason, a missing reason as 'unspecified'")
    void states() {
        AgentTally t = new AgentTally()
                .addState(AgentState.AVAILABLE, null, 600_000)
                .addState(AgentState.ON_CONTACT, null, 1_200_000)
                .addState(AgentState.AWAY, "lunch", 1_800_000)
                .addState(AgentState.AWAY, null, 60_000)
                .addState(AgentState.AWAY, "lunch", 300_000)
                .addState(AgentState.ACW, "ignored", 120_000)
                .addState(AgentState.OFFLINE, null, 3_600_000);
        assertEquals(600_000, t.stateMs(AgentState.AVAILABLE));
        assertEquals(2_160_000, t.stateMs(AgentState.AWAY));   // 1 800 000 + 60 000 + 300 000
        assertEquals(0, t.stateMs(AgentState.RINGING));
        // staffed = 600 000 + 1 200 000 + 2 160 000 + 120 000, offline left out
        assertEquals(4_080_000, t.staffedMs());
        assertEquals(Map.of("lunch", 2_100_000L, "unspecified", 60_000L), t.awayByReasonMs());
    }

    @Test
    @DisplayName("negative state time is refused")
    void negative() {
        assertThrows(IllegalArgumentException.class, () -> new AgentTally().addState(AgentState.ACW, null, -1));
    }

    @Test
    @DisplayName("segments count outbound ones apart; surveys as per queue")
    void segmentsAndSurveys() {
        AgentTally t = new AgentTally()
                .addSegment(segment(Direction.OUTBOUND, 60_000, 0, 5_000, false, null))
                .addSegment(segment(Direction.INBOUND, 120_000, 10_000, 15_000, true, true))
                .addSurvey(survey(4, null), S)
                .addSurvey(survey(2, 10), S);
        assertEquals(2, t.segments());
        assertEquals(1, t.outboundSegments());
        assertEquals(180_000, t.talkMs());
        assertEquals(10_000, t.holdMs());
        assertEquals(20_000, t.acwMs());
        assertEquals(1, t.transferred());
        assertEquals(1, t.wrappedWithResolvedFlag());
        assertEquals(1, t.resolvedTrue());
        assertEquals(2, t.surveys());
        assertEquals(1, t.csatPositive());
        assertEquals(6, t.csatSum());
        assertEquals(1, t.promoters());
    }

    @Test
    @DisplayName("merge adds two agents into a team; copy is independent")
    void mergeAndCopy() {
        AgentTally a = new AgentTally().addState(AgentState.AWAY, "break", 1_000).addSegment(segment(1, 2, 3, false, null));
        AgentTally b = new AgentTally().addState(AgentState.AWAY, "break", 2_000).addState(AgentState.AWAY, "training", 5_000)
                .addState(AgentState.AVAILABLE, null, 7_000);
        AgentTally team = a.copy().merge(b);
        assertEquals(Map.of("break", 3_000L, "training", 5_000L), team.awayByReasonMs());
        assertEquals(15_000, team.staffedMs());   // 1 000 + 2 000 + 5 000 + 7 000
        assertEquals(1, team.segments());
        assertEquals(Map.of("break", 1_000L), a.awayByReasonMs());
        assertEquals(1_000, a.staffedMs());
        assertEquals(14_000, b.staffedMs());
    }
}
