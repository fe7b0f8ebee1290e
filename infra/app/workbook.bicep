// Azure Monitor workbook "tm-sentinel": the app's OpenTelemetry metrics (docs/telemetry.md) per
// profile, from Application Insights' customMetrics. A Profile drop-down filters every chart.
param applicationInsightsName string
param location string
param tags object

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Every query starts with the metric and the Profile filter ("All" or one profile key).
var byProfile = '| extend profile = tostring(customDimensions.profile), endpoint = tostring(customDimensions.endpoint) | where \'{Profile}\' == \'All\' or profile == \'{Profile}\''

var charts = [
  {
    title: 'Endpoint health (1 = healthy)'
    query: 'customMetrics | where name == "tm_sentinel.endpoint.healthy" ${byProfile} | summarize healthy = min(value) by bin(timestamp, 5m), series = strcat(profile, " / ", endpoint) | render timechart'
  }
  {
    title: 'Probe latency, average and worst (ms)'
    query: 'customMetrics | where name == "tm_sentinel.probe.duration" ${byProfile} | summarize avg_ms = sum(valueSum) / sum(valueCount), max_ms = max(valueMax) by bin(timestamp, 15m), series = strcat(profile, " / ", endpoint) | render timechart'
  }
  {
    title: 'Serving endpoint changes (failovers)'
    query: 'customMetrics | where name == "tm_sentinel.serving_endpoint_changes" ${byProfile} | summarize changes = sum(valueSum) by bin(timestamp, 1h), series = strcat(profile, " → ", endpoint) | render columnchart'
  }
  {
    title: 'Findings by code and severity'
    query: 'customMetrics | where name == "tm_sentinel.findings" ${byProfile} | extend code = tostring(customDimensions.code), severity = tostring(customDimensions.severity) | summarize findings = sum(valueSum) by bin(timestamp, 1h), series = strcat(severity, " ", code) | render columnchart'
  }
  {
    title: 'Audit duration per profile (ms)'
    query: 'customMetrics | where name == "tm_sentinel.audit.duration" ${byProfile} | summarize avg_ms = sum(valueSum) / sum(valueCount) by bin(timestamp, 15m), profile | render timechart'
  }
  {
    title: 'Alert deliveries by channel and outcome'
    query: 'customMetrics | where name == "tm_sentinel.alert.deliveries" | extend channel = tostring(customDimensions.channel), outcome = tostring(customDimensions.outcome) | summarize deliveries = sum(valueSum) by bin(timestamp, 1h), series = strcat(channel, " ", outcome) | render columnchart'
  }
]

var profileParameter = {
  type: 9
  content: {
    version: 'KqlParameterItem/1.0'
    parameters: [
      {
        id: 'c6a0b5de-3f55-4a8e-9d55-0f7e1c1a2b01'
        version: 'KqlParameterItem/1.0'
        name: 'Profile'
        type: 2
        isRequired: true
        query: 'customMetrics | where name == "tm_sentinel.endpoint.healthy" | distinct profile = tostring(customDimensions.profile) | order by profile asc'
        typeSettings: { additionalResourceOptions: [ 'value::all' ], showDefault: false }
        defaultValue: 'value::all'
        jsonData: '[{"value":"All","label":"All profiles","selected":true}]'
        timeContext: { durationMs: 604800000 }
        queryType: 0
        resourceType: 'microsoft.insights/components'
      }
    ]
    style: 'pills'
    queryType: 0
    resourceType: 'microsoft.insights/components'
  }
  name: 'parameters'
}

var workbook = {
  version: 'Notebook/1.0'
  items: concat([
    {
      type: 1
      content: { json: '## tm-sentinel\nMetrics of the Traffic Manager audits (docs/telemetry.md), last 24 hours.' }
      name: 'title'
    }
    profileParameter
  ], map(charts, c => {
    type: 3
    content: {
      version: 'KqlItem/1.0'
      title: c.title
      query: c.query
      size: 0
      timeContext: { durationMs: 86400000 }
      queryType: 0
      resourceType: 'microsoft.insights/components'
      visualization: contains(c.query, 'columnchart') ? 'barchart' : 'timechart'
    }
    name: c.title
  }))
  isLocked: false
  fallbackResourceIds: [ appInsights.id ]
}

resource tmWorkbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, appInsights.id, 'tm-sentinel-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'tm-sentinel'
    category: 'workbook'
    sourceId: appInsights.id
    serializedData: string(workbook)
  }
}

output workbookId string = tmWorkbook.id
