// tm-sentinel on Azure Functions Flex Consumption, provisioned by `azd up`.
// Subscription-scoped so it can create the resource group and grant Reader on watched scopes
// in any subscription the deployer administers.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; also seeds the unique resource names.')
param environmentName string

@minLength(1)
// Regions offering Flex Consumption, as listed by Microsoft's functions-quickstart-typescript-azd.
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'eastus2euap'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@description('Region of every regional resource (Flex Consumption must be offered there).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Comma-separated scopes whose Traffic Manager profiles are audited: "/subscriptions/{id}", "/subscriptions/{id}/resourceGroups/{name}" or a profile resource ID. Becomes TM_WATCH; each scope gets a role assignment (Reader) by this template. A scope where the app's identity already holds the role (granted by hand) goes in watchScopesGrantedByHand instead: assigning it again fails with RoleAssignmentExists.')
param watchScopes string = ''

@description('Comma-separated scopes (same forms as watchScopes) where the role was granted by hand, e.g. by a subscription owner. They are added to TM_WATCH only; the template assigns no role on them.')
param watchScopesGrantedByHand string = ''

@description('Write features (apply, drills): sets TM_ENABLE_WRITE_FEATURES and grants Traffic Manager Contributor instead of Reader on the watched scopes.')
param enableWriteFeatures bool = false

@description('NCRONTAB schedule of the audit timer (6 fields, UTC).')
param auditSchedule string = '0 */5 * * * *'

@description('Above this many watched profiles the timer fans out through the audit queue.')
param fanoutThreshold int = 100

@secure()
@description('Teams Workflows webhook URL; stored in Key Vault. Empty: no Teams alerts.')
param teamsWebhookUrl string = ''

@description('The secret teams-webhook-url was put in the vault by hand: reference it even when teamsWebhookUrl is empty.')
param teamsWebhookInVault bool = false

@secure()
@description('smtp(s)://user:password@host:port of an SMTP relay; stored in Key Vault. Empty: no SMTP. Needs alertEmailTo and smtpEmailFrom; excludes enableEmail (one e-mail transport).')
param smtpUrl string = ''

@description('The secret smtp-url was put in the vault by hand: reference it even when smtpUrl is empty.')
param smtpUrlInVault bool = false

@description('Create Azure Communication Services e-mail (Azure-managed domain) and send alerts through it. Needs alertEmailTo; excludes smtpUrl/smtpUrlInVault (one e-mail transport). The deployer needs Microsoft.Authorization/roleDefinitions/write on the resource group for the custom sender role: Owner or User Access Administrator grant it; Contributor + Role Based Access Control Administrator do not.')
param enableEmail bool = false

@description('Where Azure Communication Services keeps e-mail data at rest (data residency), e.g. Europe, United States, UK, Australia.')
param emailDataLocation string = 'Europe'

@description('Comma-separated alert recipients. Required when enableEmail, smtpUrl or smtpUrlInVault is set; written to the app only then.')
param alertEmailTo string = ''

@description('Sender address for SMTP alerts; required with smtpUrl/smtpUrlInVault (ACS e-mail uses the managed domain sender).')
param smtpEmailFrom string = ''

@minValue(40)
@maxValue(1000)
@description('Maximum instances the scale controller may run (Flex Consumption: 40-1000).')
param maximumInstanceCount int = 100

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-tms-${resourceToken}'
var scopes = filter(map(split(watchScopes, ','), s => trim(s)), s => !empty(s))
var scopesGrantedByHand = filter(map(split(watchScopesGrantedByHand, ','), s => trim(s)), s => !empty(s))

// The app refuses to start with these combinations (src/config/sections/alerts.ts); fail the
// deployment with the same reason instead of deploying an app that cannot start.
var smtpConfigured = !empty(smtpUrl) || smtpUrlInVault
var emailSettingsValid = enableEmail && smtpConfigured
  ? fail('enableEmail (ACS) and smtpUrl/smtpUrlInVault are both set: choose one e-mail transport.')
  : (enableEmail || smtpConfigured) && empty(trim(alertEmailTo))
      ? fail('alertEmailTo (ALERT_EMAIL_TO) is required when enableEmail, smtpUrl or smtpUrlInVault is set.')
      : smtpConfigured && empty(trim(smtpEmailFrom))
          ? fail('smtpEmailFrom (ALERT_EMAIL_FROM) is required when smtpUrl or smtpUrlInVault is set.')
          : true

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: { name: 'id-tms-${resourceToken}', location: location, tags: tags }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'sttms${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
    // AUDIT_QUEUE and DRILL_QUEUE of app/api.bicep (the app's identity has Storage Queue Data Contributor on the account).
    queueNames: ['tm-sentinel-audit', 'tm-sentinel-drills']
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: { resourceToken: resourceToken, location: location, tags: tags }
}

// Charts the app's OpenTelemetry metrics per profile (docs/telemetry.md).
module workbook 'app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    location: location
    tags: tags
  }
}

module vault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-tms-${resourceToken}'
    location: location
    tags: tags
    teamsWebhookUrl: teamsWebhookUrl
    // Booleans computed here, so the vault's outputs never derive from a secure parameter.
    teamsWebhookReferenced: !empty(teamsWebhookUrl) || teamsWebhookInVault
    smtpUrl: smtpUrl
    smtpUrlReferenced: smtpConfigured
  }
}

module email 'app/email.bicep' = if (enableEmail) {
  name: 'email'
  scope: rg
  params: { resourceToken: resourceToken, tags: tags, dataLocation: emailDataLocation }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  // The app settings hold Key Vault references: they resolve only once the identity holds Key
  // Vault Secrets User (and the host needs its storage roles), else the app keeps the literal
  // @Microsoft.KeyVault(...) text and its configuration check fails.
  dependsOn: [rbac]
  params: {
    name: functionAppName
    planName: 'plan-tms-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    maximumInstanceCount: maximumInstanceCount
    watchScopes: concat(scopes, scopesGrantedByHand)
    auditSchedule: auditSchedule
    fanoutThreshold: fanoutThreshold
    teamsWebhookSecretUri: vault.outputs.teamsWebhookSecretUri
    smtpUrlSecretUri: vault.outputs.smtpUrlSecretUri
    acsEndpoint: enableEmail ? email!.outputs.endpoint : ''
    emailFrom: enableEmail ? email!.outputs.senderAddress : smtpEmailFrom
    emailTo: emailSettingsValid ? alertEmailTo : ''
    enableWriteFeatures: enableWriteFeatures
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: vault.outputs.name
    communicationServiceName: enableEmail ? email!.outputs.name : ''
  }
}

// Reader (or Traffic Manager Contributor) on every watched scope; each needs a module deployed at that scope.
var roleOnWatched = enableWriteFeatures
  ? 'a4b10055-b0c7-44c2-b00f-c7b5b3550cf7' // Traffic Manager Contributor
  : 'acdd72a7-3385-48ef-bd42-f606fba81ae7' // Reader
var watchedSubscriptions = filter(scopes, s => length(split(s, '/')) == 3)
var watchedResourceGroups = filter(scopes, s => length(split(s, '/')) == 5)
// Explicit profile IDs: /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Network/trafficManagerProfiles/{name}.
var watchedProfiles = filter(scopes, s => length(split(s, '/')) == 9)

// Deployment names carry the resource token: these land in the watched subscriptions' and groups'
// deployment history, where another environment's 'watch-sub-0' (other region) would clash.
module watchSubscriptionRoles 'app/watch-role-subscription.bicep' = [
  for (scopeId, i) in watchedSubscriptions: {
    name: 'tms-watch-sub-${resourceToken}-${i}'
    scope: subscription(split(scopeId, '/')[2])
    params: { principalId: identity.outputs.principalId, roleDefinitionId: roleOnWatched }
  }
]

module watchResourceGroupRoles 'app/watch-role-resource-group.bicep' = [
  for (scopeId, i) in watchedResourceGroups: {
    name: 'tms-watch-rg-${resourceToken}-${i}'
    scope: resourceGroup(split(scopeId, '/')[2], split(scopeId, '/')[4])
    params: { principalId: identity.outputs.principalId, roleDefinitionId: roleOnWatched }
  }
]

module watchProfileRoles 'app/watch-role-profile.bicep' = [
  for (profileId, i) in watchedProfiles: {
    name: 'tms-watch-tm-${resourceToken}-${i}'
    scope: resourceGroup(split(profileId, '/')[2], split(profileId, '/')[4])
    params: {
      principalId: identity.outputs.principalId
      roleDefinitionId: roleOnWatched
      profileName: split(profileId, '/')[8]
    }
  }
]

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_CLIENT_ID string = identity.outputs.clientId
output AZURE_PRINCIPAL_ID_APP string = identity.outputs.principalId
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AUDIT_QUEUE string = 'tm-sentinel-audit'
output DRILL_QUEUE string = 'tm-sentinel-drills'
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
