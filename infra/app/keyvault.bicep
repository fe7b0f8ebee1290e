param name string
param location string
param tags object
@secure()
param teamsWebhookUrl string
@secure()
param smtpUrl string
@description('The app references teams-webhook-url: it is written here, or was put in the vault by hand.')
param teamsWebhookReferenced bool
@description('The app references smtp-url: it is written here, or was put in the vault by hand.')
param smtpUrlReferenced bool

// RBAC-authorised vault; purge protection stays off so `azd down --purge` can remove it.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(teamsWebhookUrl)) {
  parent: vault
  name: 'teams-webhook-url'
  properties: { value: teamsWebhookUrl, contentType: 'text/plain' }
}

resource smtpSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpUrl)) {
  parent: vault
  name: 'smtp-url'
  properties: { value: smtpUrl, contentType: 'text/plain' }
}

output name string = vault.name
// Version-less URIs, so a rotated secret is picked up without redeploying. A secret set by hand
// (az keyvault secret set) needs its *InVault flag: the appsettings resource replaces every app
// setting on each `azd provision`, so a reference added by hand would silently disappear.
// The flags are plain booleans computed by main.bicep: no output derives from a secure parameter.
output teamsWebhookSecretUri string = teamsWebhookReferenced ? '${vault.properties.vaultUri}secrets/teams-webhook-url/' : ''
output smtpUrlSecretUri string = smtpUrlReferenced ? '${vault.properties.vaultUri}secrets/smtp-url/' : ''
