// Role of the app's identity on one explicitly watched profile (deployed at its resource group by
// main.bicep). The app then reads it with a GET after the subscription listing is refused.
targetScope = 'resourceGroup'

param principalId string
@description('Reader, or Traffic Manager Contributor when write features are enabled.')
param roleDefinitionId string
@description('Name of the Traffic Manager profile; it must already exist.')
param profileName string

resource profile 'Microsoft.Network/trafficmanagerprofiles@2022-04-01' existing = {
  name: profileName
}

resource watchRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(profile.id, principalId, roleDefinitionId)
  scope: profile
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
