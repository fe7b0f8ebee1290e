param name string
param planName string
param location string
param tags object
@description('azd finds the deployment target by this tag; only the site carries it (azd before 1.23.4 fails when two resources do).')
param serviceName string
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string
param maximumInstanceCount int
param watchScopes array
param auditSchedule string
param fanoutThreshold int
param teamsWebhookSecretUri string
param smtpUrlSecretUri string
param acsEndpoint string
param emailFrom string
param emailTo string
@description('Same switch that grants Traffic Manager Contributor on the watched scopes (main.bicep).')
param enableWriteFeatures bool = false

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

var emailEnabled = !empty(acsEndpoint) || !empty(smtpUrlSecretUri)

// Every app setting of the app. test/infra/infra-consistency.test.ts reads the keys between the
// markers and checks them against the config schema (src/config): keep one key per line.
// app-settings:begin
var platformSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}
var appSettings = {
  AZURE_CLIENT_ID: identityClientId
  TM_WATCH: join(watchScopes, ',')
  STATE_TABLE_ENDPOINT: storage.properties.primaryEndpoints.table
  AUDIT_SCHEDULE: auditSchedule
  FANOUT_THRESHOLD: string(fanoutThreshold)
  AUDIT_QUEUE: 'tm-sentinel-audit'
  DRILL_QUEUE: 'tm-sentinel-drills'
  TM_ENABLE_WRITE_FEATURES: enableWriteFeatures ? 'true' : 'false'
}
var teamsSettings = empty(teamsWebhookSecretUri) ? {} : {
  ALERT_TEAMS_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri=${teamsWebhookSecretUri})'
}
var acsSettings = empty(acsEndpoint) ? {} : {
  ACS_EMAIL_ENDPOINT: acsEndpoint
}
var smtpSettings = empty(smtpUrlSecretUri) ? {} : {
  SMTP_URL: '@Microsoft.KeyVault(SecretUri=${smtpUrlSecretUri})'
}
var emailSettings = !emailEnabled ? {} : {
  ALERT_EMAIL_FROM: emailFrom
  ALERT_EMAIL_TO: emailTo
}
// app-settings:end

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity (the app has no system identity).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: { name: 'node', version: '22' }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(platformSettings, appSettings, teamsSettings, acsSettings, smtpSettings, emailSettings)
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
