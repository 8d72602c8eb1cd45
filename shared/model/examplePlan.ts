import { planJsonSchema, type PlanJson } from './planJson';

// The worked example of the coordinate-multi-persona-feature template, as a plan a new user
// can open and explore. Written as plain JSON (what a user would import) and parsed at import
// time, so a schema change that breaks the example fails the first test that loads it.
// No positions: auto-layout places every node, which is also what an imported plan gets.
const plan = {
  format: 'baton-plan',
  version: 1,
  title: 'Real-time Collaboration System',
  requirements:
    'Several people edit one document at once and see each other\'s changes within a second. Conflicting edits are resolved without losing anyone\'s work, and users can see who is editing what.',
  phase: 'Discovery through Implementation',
  agentEcosystem:
    'The Orchestrator (an AI agent) coordinates the Developer, Designer, DevOps Engineer, Data Engineer, QA Engineer and Architect across four parallel workstreams: daily standups for blockers, twice-weekly integration meetings, weekly stakeholder updates.',
  personas: [
    { id: 'architect', name: 'Architect', role: 'API contracts and protocol design', kind: 'human', capacity: 5, colour: '#7c3aed' },
    { id: 'data', name: 'Data Engineer', role: 'Data model, synchronization and storage performance', kind: 'human', capacity: 5, colour: '#059669' },
    { id: 'designer', name: 'Designer', role: 'Collaboration UX and interaction patterns', kind: 'human', capacity: 5, colour: '#db2777' },
    { id: 'dev', name: 'Developer', role: 'Backend and frontend implementation', kind: 'human', capacity: 5, colour: '#2563eb' },
    { id: 'devops', name: 'DevOps Engineer', role: 'Infrastructure, deployment and monitoring', kind: 'human', capacity: 5, colour: '#ea580c' },
    { id: 'orchestrator', name: 'Orchestrator', role: 'Coordinates workstreams, dependencies and conflicts', kind: 'agent', capacity: 5, colour: '#0891b2' },
    { id: 'qa', name: 'QA Engineer', role: 'Real-time, load and conflict testing', kind: 'human', capacity: 5, colour: '#ca8a04' },
  ],
  nodes: [
    { id: 'feature', kind: 'feature', title: 'Real-time Collaboration System', description: 'Live co-editing with conflict resolution and presence indicators.' },

    // Workstreams, exactly as the template's "Define Workstreams".
    { id: 'ws-infra', kind: 'workstream', title: 'Core Infrastructure', parent: 'feature', lead: 'devops', support: ['data'], startWeek: 1, endWeek: 2, deliverables: ['Message queue setup', 'WebSocket infrastructure', 'Monitoring and alerting'] },
    { id: 'ws-data', kind: 'workstream', title: 'Data Layer', parent: 'feature', lead: 'data', support: ['dev'], startWeek: 1, endWeek: 3, deliverables: ['Conflict resolution data model', 'Synchronization schema', 'Performance optimization'] },
    { id: 'ws-api', kind: 'workstream', title: 'API Design', parent: 'feature', lead: 'architect', support: ['dev', 'designer'], startWeek: 1, endWeek: 2, deliverables: ['WebSocket protocol design', 'REST API extensions', 'Error handling standards'] },
    { id: 'ws-ux', kind: 'workstream', title: 'UI/UX Design', parent: 'feature', lead: 'designer', support: ['dev'], startWeek: 1, endWeek: 2, deliverables: ['Collaboration indicators design', 'Conflict resolution UI', 'Real-time feedback patterns'] },

    // Core Infrastructure: the template's Infrastructure components and the WebSocket backend.
    { id: 't-infra-setup', kind: 'task', title: 'Infrastructure setup', parent: 'ws-infra', owner: 'devops', status: 'todo', estimateDays: 2, description: 'Environments, networking and CI/CD for the real-time services.' },
    { id: 't-message-queue', kind: 'task', title: 'Message queue setup', parent: 'ws-infra', owner: 'devops', status: 'todo', estimateDays: 3 },
    { id: 't-ws-infra', kind: 'task', title: 'WebSocket infrastructure', parent: 'ws-infra', owner: 'devops', status: 'todo', estimateDays: 3, description: 'Load balancer with sticky sessions and TLS termination for long-lived connections.' },
    { id: 't-ws-server', kind: 'task', title: 'WebSocket server', parent: 'ws-infra', owner: 'dev', status: 'todo', estimateDays: 5, description: 'Connection handling, rooms and fan-out of edits through the message queue.' },
    { id: 't-caching', kind: 'task', title: 'Caching layer', parent: 'ws-infra', owner: 'devops', status: 'todo', estimateDays: 3 },
    { id: 't-monitoring', kind: 'task', title: 'Monitoring and alerting', parent: 'ws-infra', owner: 'devops', status: 'todo', estimateDays: 2 },

    // Data Layer.
    { id: 't-data-model', kind: 'task', title: 'Data model design', parent: 'ws-data', owner: 'data', status: 'todo', estimateDays: 3, description: 'Conflict resolution data model: operations, versions and merge metadata.' },
    { id: 't-sync-schema', kind: 'task', title: 'Synchronization schema', parent: 'ws-data', owner: 'data', status: 'todo', estimateDays: 2 },
    { id: 't-conflict-engine', kind: 'task', title: 'Conflict resolution engine', parent: 'ws-data', owner: 'dev', status: 'todo', estimateDays: 6 },
    { id: 't-sync-layer', kind: 'task', title: 'Data synchronization layer', parent: 'ws-data', owner: 'dev', status: 'todo', estimateDays: 5 },
    { id: 't-db-optimization', kind: 'task', title: 'Database optimization', parent: 'ws-data', owner: 'data', status: 'todo', estimateDays: 3, description: 'The Data Layer\'s performance optimization: indexes and denormalized read views.' },

    // API Design.
    { id: 't-api-design', kind: 'task', title: 'API design', parent: 'ws-api', owner: 'architect', status: 'todo', estimateDays: 2, description: 'Resources, events and the contract both sides build against.' },
    { id: 't-ws-protocol', kind: 'task', title: 'WebSocket protocol design', parent: 'ws-api', owner: 'architect', status: 'todo', estimateDays: 2 },
    { id: 't-rest-api', kind: 'task', title: 'REST API extensions', parent: 'ws-api', owner: 'dev', status: 'todo', estimateDays: 3 },
    { id: 't-error-standards', kind: 'task', title: 'Error handling standards', parent: 'ws-api', owner: 'architect', status: 'todo', estimateDays: 1 },

    // UI/UX Design: the design deliverables and the template's Frontend components.
    { id: 't-indicators-design', kind: 'task', title: 'Collaboration indicators design', parent: 'ws-ux', owner: 'designer', status: 'todo', estimateDays: 3 },
    { id: 't-feedback-patterns', kind: 'task', title: 'Real-time feedback patterns', parent: 'ws-ux', owner: 'designer', status: 'todo', estimateDays: 2 },
    { id: 't-realtime-ui', kind: 'task', title: 'Real-time UI updates', parent: 'ws-ux', owner: 'dev', status: 'todo', estimateDays: 5 },
    { id: 't-indicators', kind: 'task', title: 'Collaboration indicators', parent: 'ws-ux', owner: 'dev', status: 'todo', estimateDays: 3 },
    { id: 't-conflict-ui', kind: 'task', title: 'Conflict resolution UI', parent: 'ws-ux', owner: 'designer', status: 'todo', estimateDays: 4 },
    { id: 't-frontend-integration', kind: 'task', title: 'Frontend integration', parent: 'ws-ux', owner: 'dev', status: 'todo', estimateDays: 3 },

    // Quality Assurance has no workstream of its own in the template: it spans all four.
    { id: 't-rt-test-framework', kind: 'task', title: 'Real-time testing framework', parent: 'feature', owner: 'qa', status: 'todo', estimateDays: 3 },
    { id: 't-load-testing', kind: 'task', title: 'Load testing scenarios', parent: 'feature', owner: 'qa', status: 'todo', estimateDays: 3 },
    { id: 't-conflict-sim', kind: 'task', title: 'Conflict simulation tests', parent: 'feature', owner: 'qa', status: 'todo', estimateDays: 3 },
    { id: 't-user-testing', kind: 'task', title: 'User testing', parent: 'feature', owner: 'designer', status: 'todo', estimateDays: 2 },
    { id: 't-release', kind: 'task', title: 'Production release', parent: 'feature', owner: 'devops', status: 'todo', estimateDays: 1 },

    // Integration Timeline.
    {
      id: 'm-api-checkpoint',
      kind: 'milestone',
      title: 'API Integration Checkpoint',
      parent: 'feature',
      description: 'Week 3',
      criteria: [{ text: 'Backend API ready for frontend consumption' }, { text: 'Integration test environment available' }, { text: 'Mock data generators ready' }],
    },
    {
      id: 'm-full-stack',
      kind: 'milestone',
      title: 'Full Stack Integration',
      parent: 'feature',
      description: 'Week 4',
      criteria: [{ text: 'End-to-end flow working' }, { text: 'Performance benchmarks met' }, { text: 'Error scenarios handled' }],
    },

    // Quality Gates.
    {
      id: 'g-pre-integration',
      kind: 'gate',
      title: 'Pre-Integration Checklist',
      parent: 'feature',
      trigger: 'Before the API Integration Checkpoint',
      criteria: [
        { text: 'All APIs documented with examples' },
        { text: 'Error handling implemented consistently' },
        { text: 'Performance benchmarks defined' },
        { text: 'Security requirements addressed' },
        { text: 'Monitoring hooks in place' },
      ],
      responsible: 'architect',
      passAction: 'Open the integration environment to the frontend work',
      failAction: 'Hold integration; owners fix the failing items and the gate is run again',
    },
    {
      id: 'g-pre-release',
      kind: 'gate',
      title: 'Pre-Release Checklist',
      parent: 'feature',
      trigger: 'Before the production release',
      criteria: [
        { text: 'All integration tests passing' },
        { text: 'Load testing completed successfully' },
        { text: 'Documentation updated' },
        { text: 'Rollback plan tested' },
        { text: 'Stakeholder sign-off received' },
      ],
      responsible: 'qa',
      passAction: 'Release to production',
      failAction: 'Hold the release; the Orchestrator reschedules the failing items',
    },
  ],
  edges: [
    // Dependency matrix, row "WebSocket Server": depends on Infrastructure setup, blocks Frontend integration.
    { id: 'e-infra-setup-ws-server', kind: 'dependency', source: 't-infra-setup', target: 't-ws-server', type: 'infra' },
    { id: 'e-ws-server-frontend', kind: 'dependency', source: 't-ws-server', target: 't-frontend-integration', type: 'technical' },
    // Row "Conflict Engine": depends on Data model design, blocks UI conflict display.
    { id: 'e-data-model-conflict-engine', kind: 'dependency', source: 't-data-model', target: 't-conflict-engine', type: 'data' },
    { id: 'e-conflict-engine-conflict-ui', kind: 'dependency', source: 't-conflict-engine', target: 't-conflict-ui', type: 'technical', note: 'UI conflict display' },
    // Row "Real-time UI": depends on WebSocket server and API design, blocks User testing.
    { id: 'e-ws-server-realtime-ui', kind: 'dependency', source: 't-ws-server', target: 't-realtime-ui', type: 'technical' },
    { id: 'e-api-design-realtime-ui', kind: 'dependency', source: 't-api-design', target: 't-realtime-ui', type: 'api' },
    { id: 'e-realtime-ui-user-testing', kind: 'dependency', source: 't-realtime-ui', target: 't-user-testing', type: 'technical' },
    // Row "Load Testing": depends on all components complete, blocks Production release.
    { id: 'e-ws-infra-load', kind: 'dependency', source: 't-ws-infra', target: 't-load-testing', note: 'All components complete' },
    { id: 'e-ws-server-load', kind: 'dependency', source: 't-ws-server', target: 't-load-testing', note: 'All components complete' },
    { id: 'e-conflict-engine-load', kind: 'dependency', source: 't-conflict-engine', target: 't-load-testing', note: 'All components complete' },
    { id: 'e-sync-layer-load', kind: 'dependency', source: 't-sync-layer', target: 't-load-testing', note: 'All components complete' },
    { id: 'e-realtime-ui-load', kind: 'dependency', source: 't-realtime-ui', target: 't-load-testing', note: 'All components complete' },
    { id: 'e-indicators-load', kind: 'dependency', source: 't-indicators', target: 't-load-testing', note: 'All components complete' },
    { id: 'e-conflict-ui-load', kind: 'dependency', source: 't-conflict-ui', target: 't-load-testing', note: 'All components complete' },
    { id: 'e-message-queue-load', kind: 'dependency', source: 't-message-queue', target: 't-load-testing', note: 'All components complete' },
    { id: 'e-caching-load', kind: 'dependency', source: 't-caching', target: 't-load-testing', note: 'All components complete' },
    { id: 'e-db-optimization-load', kind: 'dependency', source: 't-db-optimization', target: 't-load-testing', note: 'All components complete' },
    { id: 'e-load-release', kind: 'dependency', source: 't-load-testing', target: 't-release', type: 'technical' },

    // Infrastructure prerequisites.
    { id: 'e-infra-setup-message-queue', kind: 'dependency', source: 't-infra-setup', target: 't-message-queue', type: 'infra' },
    { id: 'e-infra-setup-ws-infra', kind: 'dependency', source: 't-infra-setup', target: 't-ws-infra', type: 'infra' },
    { id: 'e-infra-setup-caching', kind: 'dependency', source: 't-infra-setup', target: 't-caching', type: 'infra' },
    { id: 'e-infra-setup-monitoring', kind: 'dependency', source: 't-infra-setup', target: 't-monitoring', type: 'infra' },
    { id: 'e-ws-infra-ws-server', kind: 'dependency', source: 't-ws-infra', target: 't-ws-server', type: 'infra' },
    { id: 'e-message-queue-ws-server', kind: 'dependency', source: 't-message-queue', target: 't-ws-server', type: 'infra' },
    { id: 'e-message-queue-sync-layer', kind: 'dependency', source: 't-message-queue', target: 't-sync-layer', type: 'infra' },

    // Data flow.
    { id: 'e-data-model-sync-schema', kind: 'dependency', source: 't-data-model', target: 't-sync-schema', type: 'data' },
    { id: 'e-sync-schema-sync-layer', kind: 'dependency', source: 't-sync-schema', target: 't-sync-layer', type: 'data' },
    { id: 'e-sync-schema-db-optimization', kind: 'dependency', source: 't-sync-schema', target: 't-db-optimization', type: 'data' },

    // API contracts between layers.
    { id: 'e-api-design-ws-protocol', kind: 'dependency', source: 't-api-design', target: 't-ws-protocol', type: 'api' },
    { id: 'e-api-design-rest-api', kind: 'dependency', source: 't-api-design', target: 't-rest-api', type: 'api' },
    { id: 'e-api-design-error-standards', kind: 'dependency', source: 't-api-design', target: 't-error-standards', type: 'api' },
    { id: 'e-ws-protocol-ws-server', kind: 'dependency', source: 't-ws-protocol', target: 't-ws-server', type: 'api' },

    // Design before implementation.
    { id: 'e-indicators-design-indicators', kind: 'dependency', source: 't-indicators-design', target: 't-indicators', type: 'technical' },
    { id: 'e-feedback-patterns-realtime-ui', kind: 'dependency', source: 't-feedback-patterns', target: 't-realtime-ui', type: 'technical' },
    { id: 'e-realtime-ui-frontend', kind: 'dependency', source: 't-realtime-ui', target: 't-frontend-integration', type: 'technical' },
    { id: 'e-indicators-frontend', kind: 'dependency', source: 't-indicators', target: 't-frontend-integration', type: 'technical' },
    { id: 'e-conflict-ui-frontend', kind: 'dependency', source: 't-conflict-ui', target: 't-frontend-integration', type: 'technical' },

    // Week 3: API Integration Checkpoint, behind the Pre-Integration Checklist.
    { id: 'e-ws-protocol-gate', kind: 'dependency', source: 't-ws-protocol', target: 'g-pre-integration', type: 'api' },
    { id: 'e-rest-api-gate', kind: 'dependency', source: 't-rest-api', target: 'g-pre-integration', type: 'api' },
    { id: 'e-error-standards-gate', kind: 'dependency', source: 't-error-standards', target: 'g-pre-integration', type: 'api' },
    { id: 'e-monitoring-gate', kind: 'dependency', source: 't-monitoring', target: 'g-pre-integration', type: 'infra' },
    { id: 'e-gate-api-checkpoint', kind: 'dependency', source: 'g-pre-integration', target: 'm-api-checkpoint' },
    { id: 'e-ws-server-api-checkpoint', kind: 'dependency', source: 't-ws-server', target: 'm-api-checkpoint', type: 'api' },
    { id: 'e-test-framework-api-checkpoint', kind: 'dependency', source: 't-rt-test-framework', target: 'm-api-checkpoint', note: 'Integration test environment available' },
    { id: 'e-api-checkpoint-frontend', kind: 'dependency', source: 'm-api-checkpoint', target: 't-frontend-integration', type: 'api' },

    // Week 4: Full Stack Integration.
    { id: 'e-frontend-full-stack', kind: 'dependency', source: 't-frontend-integration', target: 'm-full-stack', type: 'technical' },
    { id: 'e-sync-layer-full-stack', kind: 'dependency', source: 't-sync-layer', target: 'm-full-stack', type: 'data' },
    { id: 'e-db-optimization-full-stack', kind: 'dependency', source: 't-db-optimization', target: 'm-full-stack', type: 'data' },
    { id: 'e-full-stack-user-testing', kind: 'dependency', source: 'm-full-stack', target: 't-user-testing' },

    // Quality Assurance and the release.
    { id: 'e-test-framework-load', kind: 'dependency', source: 't-rt-test-framework', target: 't-load-testing', type: 'technical' },
    { id: 'e-test-framework-conflict-sim', kind: 'dependency', source: 't-rt-test-framework', target: 't-conflict-sim', type: 'technical' },
    { id: 'e-conflict-engine-conflict-sim', kind: 'dependency', source: 't-conflict-engine', target: 't-conflict-sim', type: 'technical' },
    { id: 'e-load-pre-release', kind: 'dependency', source: 't-load-testing', target: 'g-pre-release' },
    { id: 'e-conflict-sim-pre-release', kind: 'dependency', source: 't-conflict-sim', target: 'g-pre-release' },
    { id: 'e-user-testing-pre-release', kind: 'dependency', source: 't-user-testing', target: 'g-pre-release' },
    { id: 'e-pre-release-release', kind: 'dependency', source: 'g-pre-release', target: 't-release' },
  ],
};

/** The template's "Real-time Collaboration System", decomposed into workstreams, tasks, dependencies, milestones and gates. */
export const EXAMPLE_PLAN: PlanJson = planJsonSchema.parse(plan);
